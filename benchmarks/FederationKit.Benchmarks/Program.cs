using BenchmarkDotNet.Running;
using FederationKit.Benchmarks;

if (args.Length > 0 && args[0] == "--alternate")
{
    await Alternation.RunAsync(args.Length > 1 ? args[1] : "idtoken", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
