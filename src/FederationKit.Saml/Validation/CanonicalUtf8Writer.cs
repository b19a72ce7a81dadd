using System.Buffers;
using System.Text.Unicode;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Encodes canonical XML as UTF-8 into a pooled buffer and flushes full buffers to a <see cref="CanonicalOutput"/>, escaping
/// text and attribute values as Canonical XML 1.0 (section 2.3) requires.
/// </summary>
internal sealed class CanonicalUtf8Writer : IDisposable
{
    // Text nodes: & < > and carriage return are replaced by references; everything else is written as is.
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");

    // Attribute values (and namespace URIs): & < " and the three whitespace characters a parser would normalize.
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<\"\t\n\r");

    private const int MinimumFree = 16;
    private readonly CanonicalOutput _output;
    private byte[] _buffer;
    private int _position;

    public CanonicalUtf8Writer(CanonicalOutput output)
    {
        _output = output;
        _buffer = ArrayPool<byte>.Shared.Rent(8192);
    }

    /// <summary>ASCII markup such as <c>&lt;</c>, <c>="</c> or <c>?&gt;</c>.</summary>
    public void WriteMarkup(ReadOnlySpan<byte> ascii)
    {
        if (_buffer.Length - _position < ascii.Length)
        {
            Flush();
        }

        ascii.CopyTo(_buffer.AsSpan(_position));
        _position += ascii.Length;
    }

    /// <summary>One ASCII markup character.</summary>
    public void WriteMarkup(byte ascii)
    {
        if (_position == _buffer.Length)
        {
            Flush();
        }

        _buffer[_position++] = ascii;
    }

    /// <summary>Characters written without escaping: names, processing instruction targets and data.</summary>
    public void WriteRaw(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            var status = Utf8.FromUtf16(chars, _buffer.AsSpan(_position), out var read, out var written);
            _position += written;
            if (status != OperationStatus.DestinationTooSmall)
            {
                return;
            }

            chars = chars[read..];
            Flush();
        }
    }

    /// <summary>The string value of a text node (text, whitespace or CDATA section), escaped for canonical text.</summary>
    public void WriteText(string value) => WriteEscaped(value, TextSpecials);

    /// <summary>An attribute value or a namespace URI, escaped for a canonical attribute value.</summary>
    public void WriteAttributeValue(string value) => WriteEscaped(value, AttributeSpecials);

    /// <summary>Hands the buffered octets to the output.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _output.Write(_buffer.AsSpan(0, _position));
            _position = 0;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteEscaped(string value, SearchValues<char> specials)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var index = rest.IndexOfAny(specials);
            if (index < 0)
            {
                WriteRaw(rest);
                return;
            }

            WriteRaw(rest[..index]);
            if (_buffer.Length - _position < MinimumFree)
            {
                Flush();
            }

            WriteMarkup(rest[index] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                '\t' => "&#x9;"u8,
                '\n' => "&#xA;"u8,
                _ => "&#xD;"u8,
            });
            rest = rest[(index + 1)..];
        }
    }
}
