using BenchmarkDotNet.Running;

namespace BudgetBot.Benchmarks;

// Not a top-level program: BudgetBot's own public Program class would clash with a generated one.
internal static class BenchmarkProgram
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, BenchConfig.Create());
}
