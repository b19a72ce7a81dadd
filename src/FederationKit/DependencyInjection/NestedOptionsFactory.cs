using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// Creates the default <typeparamref name="TOptions"/> as the part of <see cref="FederationKitOptions"/> that holds it, so
/// <c>AddFederationKit(o =&gt; o.SignIn...)</c>, <c>FederationKit:SignIn</c> in configuration and
/// <c>services.Configure&lt;SignInOptions&gt;(...)</c> all change one object. The part's own configure steps run while the
/// root is created (<see cref="NestedOptionsConfiguration{TOptions}"/>); this factory only validates the part. Named
/// instances of a part are created as the platform's factory does.
/// </summary>
/// <typeparam name="TOptions">The part's options type.</typeparam>
internal sealed class NestedOptionsFactory<TOptions>(
    IOptions<FederationKitOptions> root,
    Func<FederationKitOptions, TOptions> select,
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations) : IOptionsFactory<TOptions>
    where TOptions : class
{
    public TOptions Create(string name)
    {
        if (name != Options.DefaultName)
        {
            return new OptionsFactory<TOptions>(setups, postConfigures, validations).Create(name);
        }

        var options = select(root.Value);
        var failures = new List<string>();
        foreach (var validation in validations)
        {
            var result = validation.Validate(name, options);
            if (result is { Failed: true })
            {
                failures.AddRange(result.Failures);
            }
        }

        return failures.Count > 0 ? throw new OptionsValidationException(name, typeof(TOptions), failures) : options;
    }
}
