using static TorchSharp.torch;

namespace FreqScope.Core.Runs;

/// <summary>Turns a device name from a config or the CLI into a TorchSharp device.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// "cpu" → CPU; "cuda" → the first CUDA device, or an error if CUDA is unavailable; "auto" → CUDA when
    /// available, else CPU. Anything else is an error naming the value.
    /// </summary>
    public static Device Resolve(string name)
    {
        Native.NativeLoader.EnsureLoaded();
        switch (name)
        {
            case "cpu":
                return CPU;
            case "cuda":
                if (!cuda.is_available())
                    throw new InvalidOperationException(
                        "device \"cuda\" was asked for but CUDA is not available: FreqScope's bundled libtorch is CPU-only; "
                        + "point FREQSCOPE_LIBTORCH at a CUDA-enabled PyTorch's torch/lib folder (see README), or use --device cpu");
                return CUDA;
            case "auto":
                return cuda.is_available() ? CUDA : CPU;
            default:
                throw new ArgumentException($"device \"{name}\" is not allowed; expected one of cpu, cuda, auto");
        }
    }
}
