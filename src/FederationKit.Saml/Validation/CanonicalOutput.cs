using System.Buffers;
using System.Security.Cryptography;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Where <see cref="ExclusiveCanonicalizer"/> sends its UTF-8 octets: a hash, a buffer writer or a stream. The canonicalizer
/// buffers them in a small pooled array and hands them over in chunks, so no string of the whole output ever exists.
/// </summary>
internal abstract class CanonicalOutput
{
    /// <summary>Receives the next chunk of canonical octets, in order.</summary>
    public abstract void Write(ReadOnlySpan<byte> octets);

    /// <summary>Feeds the octets into a running hash.</summary>
    public static CanonicalOutput To(IncrementalHash hash) => new HashOutput(hash);

    /// <summary>Appends the octets to a buffer writer.</summary>
    public static CanonicalOutput To(IBufferWriter<byte> writer) => new BufferWriterOutput(writer);

    /// <summary>Writes the octets to a stream.</summary>
    public static CanonicalOutput To(Stream stream) => new StreamOutput(stream);

    private sealed class HashOutput(IncrementalHash hash) : CanonicalOutput
    {
        public override void Write(ReadOnlySpan<byte> octets) => hash.AppendData(octets);
    }

    private sealed class BufferWriterOutput(IBufferWriter<byte> writer) : CanonicalOutput
    {
        public override void Write(ReadOnlySpan<byte> octets) => writer.Write(octets);
    }

    private sealed class StreamOutput(Stream stream) : CanonicalOutput
    {
        public override void Write(ReadOnlySpan<byte> octets) => stream.Write(octets);
    }
}
