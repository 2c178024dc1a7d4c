using System.Runtime.InteropServices;

namespace FreqScope.Native;

/// <summary>
/// Puts the Intel MKL linked into libtorch_cpu (x86-64 builds link it statically; it serves float GEMMs and the
/// vector maths behind tanh, sin and exp) into its conditional numerical reproducibility (CNR) mode, before any
/// MKL function has run. Without CNR, MKL may choose code paths at run time (by memory alignment, and by thread
/// scheduling while its dynamic threading is on), so two processes with the same inputs can differ in the last
/// bits; MKL's reproducibility conditions are CNR mode, a fixed thread count and dynamic threading off, which the
/// loader sets together (<see cref="NativeLoader"/> fixes the threads with <c>torch.set_num_threads</c>, which also
/// switches MKL's dynamic threading off). The branch is AUTO: the best code path this CPU supports, so results
/// are reproducible run to run on one machine, not bitwise across CPU types. A <c>MKL_CBWR</c> variable set by
/// the user is left to MKL.
/// </summary>
public static class MklReproducibility
{
    /// <summary>The environment variable with which a user chooses the CNR branch themselves.</summary>
    public const string Variable = "MKL_CBWR";

    // Named constants of MKL's mkl_service.h.
    private const int QueryBranch = 1;
    private const int Auto = 2;

    private static IntPtr _library;

    /// <summary>
    /// Switches CNR mode on with the AUTO branch, where <paramref name="torchCpu"/> (a handle of libtorch_cpu) holds
    /// MKL and the user set no <c>MKL_CBWR</c>; returns the sentence for the loading steps. Must run before
    /// anything calls into MKL (MKL accepts the setting only then).
    /// </summary>
    public static string Configure(IntPtr torchCpu)
    {
        _library = torchCpu;
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen)
            return $"MKL CNR: {Variable}={chosen} from the environment, left to MKL";
        if (!TryExport("mkl_serv_cbwr_set", out var set))
            return "MKL CNR: libtorch_cpu holds no MKL, nothing to set";
        int status;
        unsafe { status = ((delegate* unmanaged<int, int>)set)(Auto); }
        return status == 0
            ? $"MKL CNR: on, branch {Describe()}"
            : $"MKL CNR: not set (MKL answered {status}); results may differ in the last bits between processes";
    }

    /// <summary>The CNR branch MKL reports in force ("AUTO", "COMPATIBLE", "off", …); "no MKL" when it cannot be asked.</summary>
    public static string Describe() => CurrentBranch() is int branch ? BranchName(branch) : "no MKL";

    /// <summary>MKL's CNR branch in force (its MKL_CBWR_* code: 1 off, 2 AUTO, 3 COMPATIBLE, 10 AVX2, 12 AVX-512, …), or null without MKL.</summary>
    public static int? CurrentBranch()
    {
        if (!TryExport("mkl_serv_cbwr_get", out var get)) return null;
        unsafe { return ((delegate* unmanaged<int, int>)get)(QueryBranch); }
    }

    /// <summary>A name for MKL's CNR branch code.</summary>
    public static string BranchName(int code) => code switch
    {
        0 => "unset",
        1 => "off",
        2 => "AUTO",
        3 => "COMPATIBLE",
        4 => "SSE2",
        6 => "SSSE3",
        7 => "SSE4.1",
        8 => "SSE4.2",
        9 => "AVX",
        10 => "AVX2",
        12 => "AVX-512",
        14 => "AVX-512 E1",
        _ => $"branch {code}",
    };

    private static bool TryExport(string name, out IntPtr address)
    {
        address = IntPtr.Zero;
        return _library != IntPtr.Zero && NativeLibrary.TryGetExport(_library, name, out address);
    }
}
