using static TorchSharp.torch;

namespace FreqScope.Tests.Support;

/// <summary>Counting live tensors (<see cref="Tensor.TotalCount"/>) in a process where other tests ran before.</summary>
internal static class LiveTensors
{
    /// <summary>
    /// The live-tensor count after finalizing every unreachable tensor other tests left behind. Without this a
    /// garbage collection in the middle of a measurement can release them and make the count fall.
    /// </summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
