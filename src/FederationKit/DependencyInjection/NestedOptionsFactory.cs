using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// Creates the default <typeparamref name="TOptions"/> as the part of <see cref="FederationKitOptions"/> that holds it (so
/// <c>AddFederationKit(o =&gt; o.SignIn...)</c>, <c>FederationKit:SignIn</c> in configuration and
/// <c>services.Configure&lt;SignInOptions&gt;(...)</c> all change one object), then runs the type's own configure,
/// post-configure and validation steps as the platform's factory does.
/// </summary>
/// <typeparam name="TOptions">The part's options type.</typeparam>
internal sealed class NestedOptionsFactory<TOptions>(
    IOptions<FederationKitOptions> root,
    Func<FederationKitOptions, TOptions> select,
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations)
    : OptionsFactory<TOptions>(setups, postConfigures, validations)
    where TOptions : class
{
    protected override TOptions CreateInstance(string name) =>
        name == Options.DefaultName ? select(root.Value) : base.CreateInstance(name);
}
