using FederationKit.Domains;
using Microsoft.Extensions.Options;

namespace FederationKit.Hosting;

/// <summary>Checks <see cref="BackgroundWorkerOptions"/> at start against the domain options the workers run with.</summary>
internal sealed class BackgroundWorkerOptionsValidator(IOptions<DomainClaimOptions> domains) : IValidateOptions<BackgroundWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, BackgroundWorkerOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, Options.DefaultName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var check = new OptionsCheck(FederationKitConfiguration.PathOf(BackgroundWorkerOptions.ConfigurationSection));
        BackgroundWorkerOptions.Check(options, domains.Value, check);
        return check.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
