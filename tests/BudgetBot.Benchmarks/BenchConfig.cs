using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BudgetBot.Benchmarks;

// Sized for a shared 2-core machine and a run of a few minutes. In-process: the app under test and
// its client share one process (as they would on one box), and no second project is generated and
// built under the repository's Directory.Build.props.
internal static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            // 30 minutes, not the default 5: seeding a million events on a loaded 2-core box can take longer.
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithId("Shared2Core"))
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
