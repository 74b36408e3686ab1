using Google.Protobuf;

namespace BudgetBot.Otlp;

// google.rpc.Status { int32 code = 1; string message = 2; } written by hand: two fields do not
// warrant vendoring googleapis' status.proto and its Any-typed details, which we never send.
internal static class RpcStatus
{
    public const int InvalidArgument = 3;

    public static byte[] Encode(int code, string message)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(code);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return buffer.ToArray();
    }
}
