using FederationKit.Cli;

return await FedkitApp.RunAsync(args, Console.Out, CancellationToken.None).ConfigureAwait(false);
