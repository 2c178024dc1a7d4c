using System.Globalization;
using FreqScope.Core;
using FreqScope.Data;
using FreqScope.Spectral;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// A fixed (untrained) Fourier-feature input encoding γ(x) of Tancik et al., "Fourier features let networks learn high
/// frequency functions in low dimensional domains" (2020), to put in front of any MLP (<see cref="EncodedMlp"/>).
/// </summary>
/// <remarks>
/// <para>
/// Units: as in Tancik et al., the rows b of the frequency matrix B are in CYCLES per unit of x, and the features are
/// cos(2π b·x), sin(2π b·x); the angular frequency (rad per unit of x, the convention of <see cref="FrequencyDensity"/>
/// and <see cref="FourierFeatureNet"/>) is 2π b.
/// </para>
/// <para>
/// Every kind except <see cref="InputEncodingKind.None"/> is γ(x) = [cos(2πBx), sin(2πBx)] for a matrix B (M×d), laid
/// out as columns 0..M−1 = cos(2π b_c·x) and M..2M−1 = sin(2π b_c·x), so <see cref="OutputDimension"/> is 2M:
/// Basic: B = I_d (M = d). Positional with L levels and scale σ: row j·d + k of B is σ^{j/L} e_k for j = 0..L−1,
/// k = 0..d−1 (M = L·d; frequencies 1, σ^{1/L}, …, σ^{(L−1)/L} cycles per unit of x in each coordinate).
/// Gaussian with m features and scale σ: B_ck ~ N(0, σ²) i.i.d. (M = m), drawn row-major by Box–Muller from
/// <see cref="SplitMix64"/>, so the same seed gives the same B on every device. None: γ(x) = x.
/// </para>
/// </remarks>
public sealed class InputEncoding
{
    private readonly double[] _gaussianMatrix;

    private InputEncoding(InputEncodingKind kind, int levels, double scale, int features, int gaussianInputDimension, long seed, double[] gaussianMatrix)
    {
        Kind = kind;
        Levels = levels;
        Scale = scale;
        Features = features;
        GaussianInputDimension = gaussianInputDimension;
        Seed = seed;
        _gaussianMatrix = gaussianMatrix;
    }

    /// <summary>Which encoding this is.</summary>
    public InputEncodingKind Kind { get; }

    /// <summary>L, the number of levels of a positional encoding; 0 otherwise.</summary>
    public int Levels { get; }

    /// <summary>σ: the positional base (frequencies σ^{j/L}) or the Gaussian standard deviation, in cycles per unit of x; 0 otherwise.</summary>
    public double Scale { get; }

    /// <summary>m, the number of rows of a Gaussian B; 0 otherwise.</summary>
    public int Features { get; }

    /// <summary>The input dimension d a Gaussian B was drawn for; 0 for the other kinds (they accept any d).</summary>
    public int GaussianInputDimension { get; }

    /// <summary>The seed a Gaussian B was drawn with; 0 otherwise.</summary>
    public long Seed { get; }

    /// <summary>The encoding <paramref name="config"/> describes, for inputs of dimension <paramref name="inputDimension"/>; a Gaussian B (m × d) is drawn from <paramref name="seed"/>.</summary>
    public static InputEncoding From(EncodingConfig config, long seed, int inputDimension = 1)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Kind switch
        {
            InputEncodingKind.None => None,
            InputEncodingKind.Basic => Basic,
            InputEncodingKind.Positional => Positional(config.Levels, config.Scale),
            _ => Gaussian(inputDimension, config.Features, config.Scale, seed),
        };
    }

    /// <summary>The identity encoding γ(x) = x.</summary>
    public static InputEncoding None { get; } = new(InputEncodingKind.None, 0, 0, 0, 0, 0, []);

    /// <summary>γ(x) = [cos(2πx), sin(2πx)] per component (1 cycle per unit of x).</summary>
    public static InputEncoding Basic { get; } = new(InputEncodingKind.Basic, 0, 0, 0, 0, 0, []);

    /// <summary>Positional encoding with <paramref name="levels"/> levels L ≥ 1 and scale σ &gt; 0 (cycles per unit of x).</summary>
    /// <exception cref="ArgumentException">L &lt; 1 or σ not finite and positive.</exception>
    public static InputEncoding Positional(int levels, double scale)
    {
        if (levels < 1)
        {
            throw new ArgumentException($"A positional encoding needs at least 1 level; got {levels}.", nameof(levels));
        }

        RequirePositive(scale, nameof(scale), "positional-encoding scale σ");
        return new InputEncoding(InputEncodingKind.Positional, levels, scale, 0, 0, 0, []);
    }

    /// <summary>
    /// Gaussian encoding: B (m×d) with i.i.d. N(0, σ²) entries in cycles per unit of x, drawn from SplitMix64(<paramref name="seed"/>).
    /// </summary>
    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="features">m ≥ 1.</param>
    /// <param name="scale">σ &gt; 0.</param>
    /// <param name="seed">Generator seed.</param>
    /// <exception cref="ArgumentException">d or m &lt; 1, or σ not finite and positive.</exception>
    public static InputEncoding Gaussian(int inputDimension, int features, double scale, long seed)
    {
        if (inputDimension < 1)
        {
            throw new ArgumentException($"A Gaussian encoding needs an input dimension ≥ 1; got {inputDimension}.", nameof(inputDimension));
        }

        if (features < 1)
        {
            throw new ArgumentException($"A Gaussian encoding needs at least 1 feature; got {features}.", nameof(features));
        }

        RequirePositive(scale, nameof(scale), "Gaussian-encoding scale σ");
        var matrix = NormalDraws.Draw(checked(features * inputDimension), new SplitMix64(seed), scale);
        return new InputEncoding(InputEncodingKind.Gaussian, 0, scale, features, inputDimension, seed, matrix);
    }

    /// <summary>The width of γ(x) for inputs of dimension d: d (None), 2d (Basic), 2Ld (Positional), 2m (Gaussian).</summary>
    /// <exception cref="ArgumentException">d &lt; 1, or d differs from the dimension a Gaussian B was drawn for.</exception>
    public int OutputDimension(int inputDimension)
    {
        CheckDimension(inputDimension);
        return Kind == InputEncodingKind.None ? inputDimension : 2 * MatrixRows(inputDimension);
    }

    /// <summary>
    /// B (rows × d, row-major, cycles per unit of x) for inputs of dimension d; empty for None. A copy.
    /// </summary>
    /// <exception cref="ArgumentException">d &lt; 1, or d differs from the dimension a Gaussian B was drawn for.</exception>
    public double[] FrequencyMatrix(int inputDimension)
    {
        CheckDimension(inputDimension);
        switch (Kind)
        {
            case InputEncodingKind.None:
                return [];
            case InputEncodingKind.Gaussian:
                return [.. _gaussianMatrix];
            case InputEncodingKind.Basic:
                {
                    var identity = new double[inputDimension * inputDimension];
                    for (var k = 0; k < inputDimension; k++)
                    {
                        identity[k * inputDimension + k] = 1;
                    }

                    return identity;
                }

            default:
                {
                    var matrix = new double[Levels * inputDimension * inputDimension];
                    for (var j = 0; j < Levels; j++)
                    {
                        var frequency = Math.Pow(Scale, (double)j / Levels);
                        for (var k = 0; k < inputDimension; k++)
                        {
                            matrix[(j * inputDimension + k) * inputDimension + k] = frequency;
                        }
                    }

                    return matrix;
                }
        }
    }

    /// <summary>γ(x) for inputs (n×d) of any floating dtype and device; returns (n × <see cref="OutputDimension"/>) in the same dtype.</summary>
    /// <exception cref="ArgumentException">x is not 2-D, or its d does not suit this encoding.</exception>
    public Tensor Encode(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var d = CheckInput(x);
        if (Kind == InputEncodingKind.None)
        {
            return x.alias();
        }

        using var scope = NewDisposeScope();
        var matrix = tensor(FrequencyMatrix(d), [MatrixRows(d), d]).to(x.dtype, x.device);
        return EncodeWith(x, matrix).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        InputEncodingKind.None => "None",
        InputEncodingKind.Basic => "Basic",
        InputEncodingKind.Positional => $"Positional(L = {Levels}, σ = {Scale.ToString("R", CultureInfo.InvariantCulture)})",
        _ => $"Gaussian(m = {Features}, σ = {Scale.ToString("R", CultureInfo.InvariantCulture)}, seed = {Seed})",
    };

    /// <summary>[cos(2π x Bᵀ), sin(2π x Bᵀ)] for a B (M×d) already on x's device and dtype.</summary>
    internal static Tensor EncodeWith(Tensor x, Tensor matrix)
    {
        using var scope = NewDisposeScope();
        var phase = x.matmul(matrix.t()) * (2 * Math.PI);
        return cat([phase.cos(), phase.sin()], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The number of rows M of B for inputs of dimension d.</summary>
    internal int MatrixRows(int inputDimension) => Kind switch
    {
        InputEncodingKind.None => 0,
        InputEncodingKind.Basic => inputDimension,
        InputEncodingKind.Positional => Levels * inputDimension,
        _ => Features,
    };

    /// <summary>Checks that x is (n×d) with a d this encoding accepts; returns d.</summary>
    internal int CheckInput(Tensor x)
    {
        if (x.dim() != 2)
        {
            throw new ArgumentException($"Input encodings take inputs of shape (n, d); got ({string.Join(", ", x.shape)}).", nameof(x));
        }

        var d = (int)x.shape[1];
        CheckDimension(d);
        return d;
    }

    private void CheckDimension(int inputDimension)
    {
        if (inputDimension < 1)
        {
            throw new ArgumentException($"The input dimension must be ≥ 1; got {inputDimension}.", nameof(inputDimension));
        }

        if (Kind == InputEncodingKind.Gaussian && inputDimension != GaussianInputDimension)
        {
            throw new ArgumentException($"This Gaussian encoding's B was drawn for inputs of dimension {GaussianInputDimension}; got {inputDimension}.", nameof(inputDimension));
        }
    }

    private static void RequirePositive(double value, string parameterName, string description)
    {
        if (!double.IsFinite(value) || !(value > 0))
        {
            throw new ArgumentException($"The {description} must be finite and > 0; got {value.ToString("R", CultureInfo.InvariantCulture)}.", parameterName);
        }
    }
}
