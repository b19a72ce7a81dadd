namespace FederationKit;

/// <summary>
/// The one way FederationKit checks its options: each options type lists its rules once against an <see cref="OptionsCheck"/>,
/// which the <c>IValidateOptions&lt;T&gt;</c> registered with <c>ValidateOnStart</c> runs at host start, and which a service
/// built by hand runs through the options' <c>Validate()</c>. Every failure names its setting by its configuration path, for
/// example <c>FederationKit:SignIn:RouteCacheTtl must be positive and at most one hour.</c>
/// </summary>
public sealed class OptionsCheck
{
    private readonly List<string> _failures = [];
    private string? _firstSetting;

    /// <summary>Starts a check of the options bound at <paramref name="path"/> (such as <c>FederationKit:SignIn</c>).</summary>
    /// <param name="path">The configuration path of the options' section.</param>
    public OptionsCheck(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The configuration path of the options' section.</summary>
    public string Path { get; }

    /// <summary>The failures found so far, each starting with the setting's configuration path.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Whether no rule failed.</summary>
    public bool IsValid => _failures.Count == 0;

    /// <summary>The configuration path of one setting of these options.</summary>
    /// <param name="setting">The setting (property) name.</param>
    public string PathOf(string setting) => Path + ":" + setting;

    /// <summary>Records a failure of <paramref name="setting"/> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">Whether the setting is valid.</param>
    /// <param name="setting">The setting (property) name.</param>
    /// <param name="requirement">What the setting must be, completing "{path} ..." (for example <c>must be positive.</c>).</param>
    public void Require(bool condition, string setting, string requirement)
    {
        if (!condition)
        {
            Fail(setting, requirement);
        }
    }

    /// <summary>Records a failure of <paramref name="setting"/>.</summary>
    /// <param name="setting">The setting (property) name.</param>
    /// <param name="requirement">What is wrong, completing "{path} ...".</param>
    public void Fail(string setting, string requirement)
    {
        ArgumentException.ThrowIfNullOrEmpty(setting);
        ArgumentException.ThrowIfNullOrEmpty(requirement);
        _firstSetting ??= setting;
        _failures.Add(PathOf(setting) + " " + requirement);
    }

    /// <summary>Records a failure unless <paramref name="value"/> is above zero.</summary>
    /// <param name="value">The setting's value.</param>
    /// <param name="setting">The setting (property) name.</param>
    public void RequirePositive(TimeSpan value, string setting) => Require(value > TimeSpan.Zero, setting, "must be positive.");

    /// <summary>Throws an <see cref="ArgumentException"/> with the first failure (its parameter name is the setting's) when any rule failed.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void ThrowIfInvalid()
    {
        if (_failures.Count > 0)
        {
            throw new ArgumentException(_failures[0], _firstSetting);
        }
    }
}
