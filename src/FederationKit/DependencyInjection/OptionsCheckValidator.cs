using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// An <see cref="IValidateOptions{TOptions}"/> that runs the rules of one FederationKit options type through an
/// <see cref="OptionsCheck"/> at the options' configuration path; registered with <c>ValidateOnStart</c> by each <c>Add…</c>.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class OptionsCheckValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string _path;
    private readonly Action<TOptions, OptionsCheck> _rules;
    private readonly string? _name;

    /// <summary>Creates the validator.</summary>
    /// <param name="path">The configuration path of the options' section, such as <c>FederationKit:SignIn</c>.</param>
    /// <param name="rules">The options type's rules.</param>
    /// <param name="name">The named options it validates; null for the default (unnamed) options only.</param>
    public OptionsCheckValidator(string path, Action<TOptions, OptionsCheck> rules, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rules);
        _path = path;
        _rules = rules;
        _name = name ?? Options.DefaultName;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var check = new OptionsCheck(_path);
        _rules(options, check);
        return check.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}
