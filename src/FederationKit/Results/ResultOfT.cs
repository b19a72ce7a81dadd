using System.Diagnostics.CodeAnalysis;

namespace FederationKit;

/// <summary>The outcome of an operation that returns a value: the value, or a <see cref="FederationError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Success/Failure factories are the idiomatic way to build a result.")]
public readonly struct Result<T> : IEquatable<Result<T>>
{
    private readonly T? _value;
    private readonly FederationError? _error;

    private Result(T? value, FederationError? error)
    {
        _value = value;
        _error = error;
    }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(false, nameof(ErrorOrNull))]
    public bool IsSuccess => _error is null;

    /// <summary>Whether the operation was refused.</summary>
    [MemberNotNullWhen(true, nameof(ErrorOrNull))]
    public bool IsFailure => _error is not null;

    /// <summary>The value. Throws when the operation was refused, naming the error code.</summary>
    public T Value => _error is null ? _value! : throw new InvalidOperationException($"The operation was refused ({_error.Code}); there is no value.");

    /// <summary>The refusal. Throws when the operation succeeded.</summary>
    public FederationError Error => _error ?? throw new InvalidOperationException("A successful result carries no error.");

    /// <summary>The refusal, or null when the operation succeeded.</summary>
    public FederationError? ErrorOrNull => _error;

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The value.</param>
    public static Result<T> Success(T value) => new(value, null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">Why the operation was refused.</param>
    public static Result<T> Failure(FederationError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value, when this returns true.</param>
    /// <param name="error">The refusal, when this returns false.</param>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out FederationError error)
    {
        value = _value;
        error = _error;
        return _error is null;
    }

    /// <summary>Converts a value into a successful result.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>Converts an error into a failed result.</summary>
    /// <param name="error">Why the operation was refused.</param>
    public static implicit operator Result<T>(FederationError error) => Failure(error);

    /// <summary>Drops the value, keeping success or the error.</summary>
    public Result ToResult() => _error is null ? Result.Success : Result.Failure(_error);

    /// <inheritdoc />
    public bool Equals(Result<T> other) => Equals(_error, other._error) && EqualityComparer<T?>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_value, _error);

    /// <summary>Compares two results.</summary>
    public static bool operator ==(Result<T> left, Result<T> right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    public static bool operator !=(Result<T> left, Result<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _error is null ? $"Success({_value})" : $"Failure({_error})";
}
