using System.Runtime.CompilerServices;
using FreqScope.Native;
using TorchSharp;

namespace FreqScope.Tests.Support;

/// <summary>A fact that runs only where libtorch sees a CUDA device; elsewhere it is reported as skipped, with the reason.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        bool available;
        try
        {
            NativeLoader.EnsureLoaded();
            available = torch.cuda.is_available();
        }
        catch (NativeLoadException)
        {
            available = false;
        }
        if (!available) Skip = "no CUDA device visible to libtorch (set FREQSCOPE_LIBTORCH to a CUDA PyTorch's torch/lib on a GPU machine)";
    }
}
