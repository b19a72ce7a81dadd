using System.Diagnostics;

namespace FederationKit.RoutingScale;

/// <summary>Prints the process working set and the managed heap after a full collection.</summary>
internal static class Memory
{
    public static void Report(string when)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"Memory {when}: working set {process.WorkingSet64 / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
    }
}
