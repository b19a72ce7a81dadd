using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FederationKit.Scim.Filters;

/// <summary>Parses RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths. Operators and attribute names are case-insensitive; input longer than <see cref="MaxLength"/> or nested deeper than <see cref="MaxDepth"/> is refused, so no input hangs or overflows the stack.</summary>
public static class ScimFilterParser
{
    /// <summary>The longest filter or path accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest nesting of parentheses, <c>not</c> and value filters accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>Parses a filter.</summary>
    /// <param name="filter">The filter text (<c>userName eq "bjensen"</c>).</param>
    /// <returns>The filter, or <see cref="ScimErrorCodes.InvalidFilter"/>.</returns>
    public static Result<ScimFilter> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ScimErrors.Filter("The filter is empty.");
        }

        if (filter.Length > MaxLength)
        {
            return ScimErrors.Filter($"The filter is longer than {MaxLength} characters.");
        }

        var reader = new Reader(filter, ScimErrorCodes.InvalidFilter);
        var result = reader.ParseFilter(0, insideValuePath: false);
        if (result.IsFailure)
        {
            return result;
        }

        reader.SkipSpace();
        return reader.AtEnd ? result : reader.Fail($"Unexpected '{reader.Rest()}'.");
    }

    /// <summary>Parses a PATCH path (<c>members[value eq "2819c223"]</c>, <c>emails[type eq "work"].value</c>, <c>name.givenName</c>).</summary>
    /// <param name="path">The path text.</param>
    /// <returns>The path, or <see cref="ScimErrorCodes.InvalidPath"/>.</returns>
    public static Result<ScimPatchPath> ParsePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return ScimErrors.Path("The path is empty.");
        }

        if (path.Length > MaxLength)
        {
            return ScimErrors.Path($"The path is longer than {MaxLength} characters.");
        }

        var reader = new Reader(path.Trim(), ScimErrorCodes.InvalidPath);
        var attribute = reader.ReadAttributePath();
        if (attribute.IsFailure)
        {
            return attribute.Error;
        }

        ScimFilter? valueFilter = null;
        string? subAttribute = null;
        if (reader.TryConsume('['))
        {
            if (attribute.Value.SubAttribute is not null)
            {
                return ScimErrors.Path("A value filter applies to a multi-valued attribute, not to a sub-attribute.");
            }

            var inner = reader.ParseFilter(1, insideValuePath: true);
            if (inner.IsFailure)
            {
                return ScimErrors.Path("The value filter of the path is invalid: " + inner.Error.Message);
            }

            reader.SkipSpace();
            if (!reader.TryConsume(']'))
            {
                return ScimErrors.Path("The value filter of the path is not closed with ']'.");
            }

            valueFilter = inner.Value;
            if (reader.TryConsume('.'))
            {
                var sub = reader.ReadName();
                if (sub is null)
                {
                    return ScimErrors.Path("A sub-attribute name must follow '.'.");
                }

                subAttribute = sub;
            }
        }

        if (!reader.AtEnd)
        {
            return ScimErrors.Path($"Unexpected '{reader.Rest()}' in the path.");
        }

        var target = subAttribute is null ? attribute.Value : attribute.Value with { SubAttribute = subAttribute };
        return new ScimPatchPath(target, valueFilter);
    }

    private sealed class Reader(string text, string errorCode)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public string Rest() => text.Length - _position > 40 ? string.Concat(text.AsSpan(_position, 40), "…") : text[_position..];

        public FederationError Fail(string message) => ScimErrors.Create(errorCode, message + $" (at character {_position + 1})");

        public void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public bool TryConsume(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public Result<ScimFilter> ParseFilter(int depth, bool insideValuePath)
        {
            if (depth > MaxDepth)
            {
                return Fail($"The filter is nested deeper than {MaxDepth} levels.");
            }

            var left = ParseAnd(depth, insideValuePath);
            if (left.IsFailure)
            {
                return left;
            }

            var result = left.Value;
            while (TryKeyword("or"))
            {
                var right = ParseAnd(depth, insideValuePath);
                if (right.IsFailure)
                {
                    return right;
                }

                result = new ScimOrFilter(result, right.Value);
            }

            return result;
        }

        private Result<ScimFilter> ParseAnd(int depth, bool insideValuePath)
        {
            var left = ParseUnary(depth, insideValuePath);
            if (left.IsFailure)
            {
                return left;
            }

            var result = left.Value;
            while (TryKeyword("and"))
            {
                var right = ParseUnary(depth, insideValuePath);
                if (right.IsFailure)
                {
                    return right;
                }

                result = new ScimAndFilter(result, right.Value);
            }

            return result;
        }

        private Result<ScimFilter> ParseUnary(int depth, bool insideValuePath)
        {
            SkipSpace();
            if (AtEnd)
            {
                return Fail("The filter ends where an expression is expected.");
            }

            var save = _position;
            if (TryKeyword("not"))
            {
                SkipSpace();
                if (TryConsume('('))
                {
                    var inner = ParseGroup(depth + 1, insideValuePath);
                    return inner.IsFailure ? inner : new ScimNotFilter(inner.Value);
                }

                _position = save;
            }

            if (TryConsume('('))
            {
                return ParseGroup(depth + 1, insideValuePath);
            }

            return ParseAttributeExpression(depth, insideValuePath);
        }

        private Result<ScimFilter> ParseGroup(int depth, bool insideValuePath)
        {
            var inner = ParseFilter(depth, insideValuePath);
            if (inner.IsFailure)
            {
                return inner;
            }

            SkipSpace();
            return TryConsume(')') ? inner : Fail("A '(' is not closed with ')'.");
        }

        private Result<ScimFilter> ParseAttributeExpression(int depth, bool insideValuePath)
        {
            var path = ReadAttributePath();
            if (path.IsFailure)
            {
                return path.Error;
            }

            if (TryConsume('['))
            {
                if (insideValuePath)
                {
                    return Fail("A value filter cannot contain another value filter.");
                }

                if (path.Value.SubAttribute is not null)
                {
                    return Fail("A value filter applies to a multi-valued attribute, not to a sub-attribute.");
                }

                var inner = ParseFilter(depth + 1, insideValuePath: true);
                if (inner.IsFailure)
                {
                    return inner;
                }

                SkipSpace();
                return TryConsume(']') ? new ScimValuePathFilter(path.Value, inner.Value) : Fail("A '[' is not closed with ']'.");
            }

            SkipSpace();
            var op = ReadName();
            if (op is null)
            {
                return Fail($"An operator must follow the attribute '{path.Value}'.");
            }

            if (string.Equals(op, "pr", StringComparison.OrdinalIgnoreCase))
            {
                return new ScimPresentFilter(path.Value);
            }

            ScimComparisonOperator? comparison = op.ToUpperInvariant() switch
            {
                "EQ" => ScimComparisonOperator.Equal,
                "NE" => ScimComparisonOperator.NotEqual,
                "CO" => ScimComparisonOperator.Contains,
                "SW" => ScimComparisonOperator.StartsWith,
                "EW" => ScimComparisonOperator.EndsWith,
                "GT" => ScimComparisonOperator.GreaterThan,
                "GE" => ScimComparisonOperator.GreaterThanOrEqual,
                "LT" => ScimComparisonOperator.LessThan,
                "LE" => ScimComparisonOperator.LessThanOrEqual,
                _ => null,
            };
            if (comparison is null)
            {
                return Fail($"'{op}' is not a SCIM operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr).");
            }

            var value = ReadValue();
            return value.IsFailure ? value.Error : new ScimComparisonFilter(path.Value, comparison.Value, value.Value);
        }

        public Result<ScimAttributePath> ReadAttributePath()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && IsPathChar(text[_position]))
            {
                _position++;
            }

            var token = text[start.._position];
            if (token.Length == 0)
            {
                return Fail("An attribute name is expected.");
            }

            string? urn = null;
            var attribute = token;
            if (token.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                var colon = token.LastIndexOf(':');
                urn = token[..colon];
                attribute = token[(colon + 1)..];
                if (urn.Length <= 4 || attribute.Length == 0)
                {
                    return Fail($"'{token}' is not a schema URN followed by ':' and an attribute name.");
                }
            }
            else if (token.Contains(':', StringComparison.Ordinal))
            {
                return Fail($"'{token}' is not an attribute name.");
            }

            var parts = attribute.Split('.');
            if (parts.Length > 2 || !parts.All(IsAttributeName))
            {
                return Fail($"'{attribute}' is not an attribute name with at most one sub-attribute.");
            }

            return new ScimAttributePath(urn, parts[0], parts.Length == 2 ? parts[1] : null);
        }

        public string? ReadName()
        {
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-' or '$'))
            {
                _position++;
            }

            return _position == start ? null : text[start.._position];
        }

        private Result<JsonValue?> ReadValue()
        {
            SkipSpace();
            if (AtEnd)
            {
                return Fail("A value must follow the operator.");
            }

            if (text[_position] == '"')
            {
                var start = _position++;
                while (_position < text.Length && text[_position] != '"')
                {
                    _position += text[_position] == '\\' ? 2 : 1;
                }

                if (_position >= text.Length)
                {
                    return Fail("A string value is not closed with '\"'.");
                }

                _position++;
                try
                {
                    var parsed = JsonSerializer.Deserialize<string>(text.AsSpan(start, _position - start));
                    return JsonValue.Create(parsed);
                }
                catch (JsonException)
                {
                    return Fail("A string value has an invalid escape sequence.");
                }
            }

            var tokenStart = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] is not ')' and not ']')
            {
                _position++;
            }

            var token = text[tokenStart.._position];
            if (string.Equals(token, "true", StringComparison.OrdinalIgnoreCase))
            {
                return JsonValue.Create(true);
            }

            if (string.Equals(token, "false", StringComparison.OrdinalIgnoreCase))
            {
                return JsonValue.Create(false);
            }

            if (string.Equals(token, "null", StringComparison.OrdinalIgnoreCase))
            {
                return (JsonValue?)null;
            }

            if (token.Length > 0 && (char.IsAsciiDigit(token[0]) || token[0] == '-')
                && decimal.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }

            _position = tokenStart;
            return Fail($"'{token}' is not a value (a quoted string, a number, true, false or null).");
        }

        private bool TryKeyword(string keyword)
        {
            var save = _position;
            SkipSpace();
            var separated = _position == 0 || char.IsWhiteSpace(text[_position - 1]) || text[_position - 1] is '(' or ')' or '[' or ']' or '"';
            if (separated
                && text.Length - _position >= keyword.Length
                && string.Compare(text, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (_position + keyword.Length == text.Length || !IsPathChar(text[_position + keyword.Length])))
            {
                _position += keyword.Length;
                return true;
            }

            _position = save;
            return false;
        }

        private static bool IsPathChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '$';

        private static bool IsAttributeName(string name) =>
            name.Length > 0 && (char.IsAsciiLetter(name[0]) || (name[0] == '$' && name.Length > 1)) && name.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
    }
}
