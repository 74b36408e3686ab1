#!/usr/bin/env bash
# Files and lines of C# per top-level folder of src/BudgetBot at a git revision (default HEAD), with
# the median file size, as a Markdown table. Files at the root (Program.cs) count as "(root)".
#   tools/loc.sh            the current commit
#   tools/loc.sh c1b5d9f^   any other revision
set -euo pipefail
rev="${1:-HEAD}"
cd "$(git rev-parse --show-toplevel)"
git ls-tree -r --name-only "$rev" -- src/BudgetBot \
  | grep '\.cs$' | grep -v '/obj/\|/bin/' \
  | while read -r path; do
      rel="${path#src/BudgetBot/}"
      folder="(root)"
      [[ "$rel" == */* ]] && folder="${rel%%/*}"
      printf '%s\t%s\n' "$folder" "$(git show "$rev:$path" | wc -l)"
    done \
  | awk -F'\t' -v rev="$rev" '
      function median(list, n,   a, i, j, t) {
        split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      { files[$1]++; lines[$1] += $2; sizes[$1] = sizes[$1] " " $2; all = all " " $2; n++; total += $2 }
      END {
        printf "Source files of src/BudgetBot at %s\n\n| folder | files | lines | median lines |\n|---|---:|---:|---:|\n", rev
        cmd = "sort"
        for (f in files) printf "| %s | %d | %d | %s |\n", f, files[f], lines[f], median(sizes[f], files[f]) | cmd
        close(cmd)
        printf "| **total** | **%d** | **%d** | **%s** |\n", n, total, median(all, n)
      }'
