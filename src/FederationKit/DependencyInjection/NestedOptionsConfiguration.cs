using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// Applies the configure and post-configure steps registered for a part (<c>services.Configure&lt;SignInOptions&gt;(...)</c>)
/// to that part of <see cref="FederationKitOptions"/> when the root is created, after the root's own steps.
/// </summary>
/// <typeparam name="TOptions">The part's options type.</typeparam>
internal sealed class NestedOptionsConfiguration<TOptions>(
    Func<FederationKitOptions, TOptions> select,
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures) : IPostConfigureOptions<FederationKitOptions>
    where TOptions : class
{
    public void PostConfigure(string? name, FederationKitOptions options)
    {
        if (name != Options.DefaultName)
        {
            return;
        }

        var part = select(options);
        foreach (var setup in setups)
        {
            if (setup is IConfigureNamedOptions<TOptions> named)
            {
                named.Configure(Options.DefaultName, part);
            }
            else
            {
                setup.Configure(part);
            }
        }

        foreach (var postConfigure in postConfigures)
        {
            postConfigure.PostConfigure(Options.DefaultName, part);
        }
    }
}
