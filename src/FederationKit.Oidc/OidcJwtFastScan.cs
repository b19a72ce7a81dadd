using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>
/// The allocation-free fast path of <see cref="OidcJwtChecks"/>: one <see cref="Utf8JsonReader"/> pass over the
/// base64url-decoded header and payload. It accepts only a token the reference check would accept (JSON-object header and
/// payload, no <c>crit</c>, no member name twice at any depth, time claims that are NumericDates in range) and returns its
/// time claims; anything else (including escaped member names and very wide or deep documents) makes it decline, and the
/// reference check decides and words the error.
/// </summary>
internal static class OidcJwtFastScan
{
    private const int MaxNames = 256;
    private const int MaxDepth = 64;
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>True with the time claims when <paramref name="compact"/> passes every structural check; false to decline.</summary>
    public static bool TryCheck(string compact, out OidcJwtTimes times)
    {
        times = default;
        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (second < 0 || compact.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        var header = compact.AsSpan(0, first);
        var payload = compact.AsSpan(first + 1, second - first - 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(Math.Max(header.Length, payload.Length)));
        try
        {
            if (!Decode(header, buffer, out var headerLength) || !Scan(buffer.AsSpan(0, headerLength), isHeader: true, out _))
            {
                return false;
            }

            return Decode(payload, buffer, out var payloadLength) && Scan(buffer.AsSpan(0, payloadLength), isHeader: false, out times);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Decode(ReadOnlySpan<char> segment, byte[] buffer, out int length)
    {
        var status = Base64Url.DecodeFromChars(segment, buffer, out var consumed, out length);
        return status == OperationStatus.Done && consumed == segment.Length;
    }

    private static bool Scan(ReadOnlySpan<byte> json, bool isHeader, out OidcJwtTimes times)
    {
        times = default;
        // Member names of the objects being read, as (start, length) into json; objectStarts[d] is where the names of the
        // object at depth d begin, so the names of the innermost open object are the tail of the list.
        Span<int> nameStarts = stackalloc int[MaxNames];
        Span<int> nameLengths = stackalloc int[MaxNames];
        Span<int> objectStarts = stackalloc int[MaxDepth + 1];
        var nameCount = 0;
        var depth = 0;
        DateTimeOffset? exp = null, nbf = null, iat = null, authTime = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            objectStarts[depth++] = nameCount;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (depth > MaxDepth)
                        {
                            return false;
                        }

                        objectStarts[depth++] = nameCount;
                        break;
                    case JsonTokenType.EndObject:
                        nameCount = objectStarts[--depth];
                        break;
                    case JsonTokenType.PropertyName:
                        if (reader.ValueIsEscaped || reader.HasValueSequence || nameCount == MaxNames)
                        {
                            return false;
                        }

                        var name = reader.ValueSpan;
                        var start = (int)reader.TokenStartIndex + 1;
                        for (var i = objectStarts[depth - 1]; i < nameCount; i++)
                        {
                            if (name.SequenceEqual(json.Slice(nameStarts[i], nameLengths[i])))
                            {
                                return false;
                            }
                        }

                        nameStarts[nameCount] = start;
                        nameLengths[nameCount++] = name.Length;
                        if (reader.CurrentDepth != 1)
                        {
                            break;
                        }

                        if (isHeader)
                        {
                            if (name.SequenceEqual("crit"u8))
                            {
                                return false;
                            }

                            break;
                        }

                        if (name.SequenceEqual("exp"u8))
                        {
                            if (!TryReadTime(ref reader, out exp))
                            {
                                return false;
                            }
                        }
                        else if (name.SequenceEqual("nbf"u8))
                        {
                            if (!TryReadTime(ref reader, out nbf))
                            {
                                return false;
                            }
                        }
                        else if (name.SequenceEqual("iat"u8))
                        {
                            if (!TryReadTime(ref reader, out iat))
                            {
                                return false;
                            }
                        }
                        else if (name.SequenceEqual("auth_time"u8) && !TryReadTime(ref reader, out authTime))
                        {
                            return false;
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        times = new OidcJwtTimes(exp, nbf, iat, authTime);
        return true;
    }

    // Reads the value after a time claim's name: a finite number of seconds from 1970 to the end of DateTimeOffset.
    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset? time)
    {
        time = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }
}
