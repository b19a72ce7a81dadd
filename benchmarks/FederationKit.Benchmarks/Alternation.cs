using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace FederationKit.Benchmarks;

/// <summary>
/// A cross-check for a shared, noisy machine: instead of BenchmarkDotNet's one method after the other, the methods of one
/// comparison run in alternation, in short batches and a new random order each round, so a change of load hits every method
/// alike; time is the calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so time spent descheduled while other
/// processes run does not count (every method here completes synchronously on the calling thread, its garbage collections
/// included with the workstation GC); the ratio to the baseline is taken per round and summarized by its median with a 95%
/// confidence interval (order statistics of the per-round ratios). Allocations are measured per call on the calling thread. Run: <c>dotnet run -c Release --project benchmarks/FederationKit.Benchmarks -- --alternate idtoken|saml [rounds]</c>.
/// </summary>
internal static class Alternation
{
    private const double BatchMilliseconds = 20;
    private const int ThreadCpuClock = 3;

    public static async Task RunAsync(string comparison, int rounds)
    {
        // The second reference: the floor the target is stated against (SAML: the floor with the parse).
        var (methods, floor) = comparison switch
        {
            "idtoken" => (IdToken(), 0),
            "saml" => (Saml(), 2),
            _ => throw new ArgumentException("Comparisons: idtoken, saml.", nameof(comparison)),
        };
        var batches = new int[methods.Count];
        var allocated = new double[methods.Count];
        for (var m = 0; m < methods.Count; m++)
        {
            // Calibrate a batch of about 20 ms, warm the method up, and measure what one call allocates.
            var calls = 1;
            while (await TimeAsync(methods[m].Run, calls) < BatchMilliseconds / 4)
            {
                calls *= 2;
            }

            batches[m] = Math.Max(1, (int)(calls * BatchMilliseconds / Math.Max(await TimeAsync(methods[m].Run, calls), 0.001)));
            var before = GC.GetAllocatedBytesForCurrentThread();
            await methods[m].Run();
            allocated[m] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var perCall = methods.Select(_ => new List<double>(rounds)).ToArray();
        var random = new Random(22);
        var order = Enumerable.Range(0, methods.Count).ToArray();
        for (var round = 0; round < rounds + 5; round++)
        {
            random.Shuffle(order);
            foreach (var m in order)
            {
                var elapsed = await TimeAsync(methods[m].Run, batches[m]);
                if (round >= 5)
                {
                    perCall[m].Add(elapsed * 1000 / batches[m]);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alternated comparison '{comparison}': {rounds} rounds, batches of about {BatchMilliseconds} ms of thread CPU time, load average {LoadAverage()}"));
        Console.WriteLine($"| method | median CPU µs per call (IQR) | ratio to baseline: median of per-round ratios [95% CI] | ratio to {methods[floor].Name} [95% CI] | allocated per call |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        for (var m = 0; m < methods.Count; m++)
        {
            var ratios = perCall[m].Zip(perCall[0], (time, baseline) => time / baseline).Order().ToArray();
            var (low, high) = MedianInterval(ratios);
            var toFloor = perCall[m].Zip(perCall[floor], (time, reference) => time / reference).Order().ToArray();
            var (floorLow, floorHigh) = MedianInterval(toFloor);
            var times = perCall[m].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {methods[m].Name} | {times[times.Length / 2]:F2} ({times[times.Length / 4]:F2}–{times[3 * times.Length / 4]:F2}) | {ratios[ratios.Length / 2]:F3} [{low:F3}, {high:F3}] | {toFloor[toFloor.Length / 2]:F3} [{floorLow:F3}, {floorHigh:F3}] | {allocated[m]:N0} B |"));
        }
    }

    private static IReadOnlyList<(string Name, Func<Task> Run)> IdToken()
    {
        var benchmarks = new IdTokenValidationBenchmarks();
        benchmarks.Setup();
        return
        [
            ("(1) JsonWebTokenHandlerBare (baseline)", () => benchmarks.JsonWebTokenHandlerBare()),
            ("(2) FederationKitIdTokenValidator", () => benchmarks.FederationKitIdTokenValidator()),
            ("(3) HostPathCompletion", () => benchmarks.HostPathCompletion()),
        ];
    }

    private static IReadOnlyList<(string Name, Func<Task> Run)> Saml()
    {
        var benchmarks = new SamlResponseValidationBenchmarks();
        benchmarks.Setup();
        return
        [
            ("(b) HandWrittenSignedXml (baseline)", () => Task.FromResult(benchmarks.HandWrittenSignedXml())),
            ("(a) Floor", () => Task.FromResult(benchmarks.Floor())),
            ("(a') FloorWithParse", () => Task.FromResult(benchmarks.FloorWithParse())),
            ("(c) FullValidation", () => benchmarks.FullValidation()),
            ("(e) ProductionPath", () => benchmarks.ProductionPath()),
        ];
    }

    // The calling thread's CPU milliseconds for <paramref name="calls"/> calls, each waited for on this thread.
    private static Task<double> TimeAsync(Func<Task> run, int calls)
    {
        var start = ThreadCpuMilliseconds();
        for (var i = 0; i < calls; i++)
        {
            run().GetAwaiter().GetResult();
        }

        return Task.FromResult(ThreadCpuMilliseconds() - start);
    }

    private static double ThreadCpuMilliseconds() =>
        clock_gettime(ThreadCpuClock, out var now) == 0 ? now.Seconds * 1000.0 + now.Nanoseconds / 1_000_000.0 : throw new InvalidOperationException("clock_gettime failed.");

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, CA5392, IDE1006 // the C function's own name
    private static extern int clock_gettime(int clock, out TimeSpec value);
#pragma warning restore SA1300, CA5392, IDE1006

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // The ranks around the median that hold it with about 95% confidence (normal approximation of the binomial).
    private static (double Low, double High) MedianInterval(double[] sorted)
    {
        var n = sorted.Length;
        var half = 1.96 * Math.Sqrt(n) / 2;
        var low = Math.Clamp((int)Math.Floor(n / 2.0 - half), 0, n - 1);
        var high = Math.Clamp((int)Math.Ceiling(n / 2.0 + half), 0, n - 1);
        return (sorted[low], sorted[high]);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
