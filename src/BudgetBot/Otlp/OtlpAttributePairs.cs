namespace BudgetBot.Otlp;

// The pairs of two attribute layers, each sorted by key, walked in key order with the upper layer's
// value winning for a key in both: what a point's attributes hash as, with no merged copy made.
internal struct OtlpAttributePairs(KeyValuePair<string, string>[] below, KeyValuePair<string, string>[] above)
{
    // Past this many pairs a layer is sorted by index rather than by insertion (quadratic).
    private const int InsertionSortMax = 32;

    private int i;
    private int j;

    public KeyValuePair<string, string> Current { get; private set; }

    public readonly OtlpAttributePairs GetEnumerator() => this;

    public bool MoveNext()
    {
        if (i == below.Length && j == above.Length)
        {
            return false;
        }
        var order = i == below.Length ? 1 : j == above.Length ? -1 : string.CompareOrdinal(below[i].Key, above[j].Key);
        if (order < 0)
        {
            Current = below[i++];
            return true;
        }
        if (order == 0)
        {
            i++;
        }
        Current = above[j++];
        return true;
    }

    // One layer sorted by key (ordinal), a key written twice keeping its last value, as a map
    // assigned in arrival order would. The sort is stable, so the last of equal keys ends its run.
    // Sorts the first count items in place and returns them (a copy when fewer).
    public static KeyValuePair<string, string>[] Layer(KeyValuePair<string, string>[] items, int count)
    {
        if (count == 0)
        {
            return [];
        }
        if (count <= InsertionSortMax)
        {
            for (var n = 1; n < count; n++)
            {
                var item = items[n];
                var m = n - 1;
                for (; m >= 0 && string.CompareOrdinal(items[m].Key, item.Key) > 0; m--)
                {
                    items[m + 1] = items[m];
                }
                items[m + 1] = item;
            }
        }
        else
        {
            var arrival = Enumerable.Range(0, count).ToArray();
            Array.Sort(arrival, (a, b) => string.CompareOrdinal(items[a].Key, items[b].Key) is var c and not 0 ? c : a.CompareTo(b));
            items = Array.ConvertAll(arrival, a => items[a]);
        }
        var kept = 0;
        for (var n = 0; n < count; n++)
        {
            if (n + 1 < count && string.Equals(items[n].Key, items[n + 1].Key, StringComparison.Ordinal))
            {
                continue;
            }
            items[kept++] = items[n];
        }
        return kept == items.Length ? items : items[..kept];
    }

    // The index of key in a layer sorted by Layer, or -1.
    public static int Find(KeyValuePair<string, string>[] layer, string key)
    {
        int lo = 0, hi = layer.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(layer[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
