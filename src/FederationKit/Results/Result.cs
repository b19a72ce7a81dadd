namespace FederationKit;

/// <summary>The outcome of an operation that returns no value: success, or a <see cref="FederationError"/>.</summary>
public readonly struct Result : IEquatable<Result>
{
    private readonly FederationError? _error;

    private Result(FederationError? error) => _error = error;

    /// <summary>A successful result.</summary>
    public static Result Success { get; }

    /// <summary>Whether the operation succeeded.</summary>
    public bool IsSuccess => _error is null;

    /// <summary>Whether the operation was refused.</summary>
    public bool IsFailure => _error is not null;

    /// <summary>The refusal. Throws when the operation succeeded.</summary>
    public FederationError Error => _error ?? throw new InvalidOperationException("A successful result carries no error.");

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">Why the operation was refused.</param>
    public static Result Failure(FederationError error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Converts an error into a failed result.</summary>
    /// <param name="error">Why the operation was refused.</param>
    public static implicit operator Result(FederationError error) => Failure(error);

    /// <inheritdoc />
    public bool Equals(Result other) => Equals(_error, other._error);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _error?.GetHashCode() ?? 0;

    /// <summary>Compares two results.</summary>
    public static bool operator ==(Result left, Result right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    public static bool operator !=(Result left, Result right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _error is null ? "Success" : $"Failure({_error})";
}
