using FreqScope.Data;
using FreqScope.Spectral;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Models;

/// <summary>
/// A one-hidden-layer Fourier-feature network in the NTK parametrisation:
/// f(x) = (1/√m) Σ_j [a_j cos(w_j·x) + b_j sin(w_j·x)] (+ c, an optional output bias, off by default),
/// with m = <see cref="Width"/> frequency vectors w_j ∈ ℝ^d in ANGULAR units (radians per unit of x).
/// Input (n×d), output (n×1); parameters are float32.
/// </summary>
/// <remarks>
/// <para>
/// Initialisation, all from one <see cref="SplitMix64"/> seeded with the constructor's seed so it is the same on every
/// device: first W = density.Sample(m, d) (row-major m×d; or the density's quantiles when stratified), then a (m values), then b (m values), a_j, b_j ~ N(0, σ_a²)
/// by Box–Muller. The output bias starts at 0.
/// </para>
/// <para>
/// Neural tangent kernel. Θ(x, x′) = Σ_θ ∂f(x)/∂θ · ∂f(x′)/∂θ with
/// ∂f/∂a_j = cos(w_j·x)/√m, ∂f/∂b_j = sin(w_j·x)/√m, ∂f/∂w_j = x (−a_j sin(w_j·x) + b_j cos(w_j·x))/√m.
/// The a, b terms give (1/m) Σ_j [cos(w_j·x)cos(w_j·x′) + sin(w_j·x)sin(w_j·x′)] = (1/m) Σ_j cos(w_j·(x − x′)).
/// The w terms give (x·x′/m) Σ_j (−a_j sin(w_j·x) + b_j cos(w_j·x))(−a_j sin(w_j·x′) + b_j cos(w_j·x′)); the
/// expectation over independent a_j, b_j ~ N(0, σ_a²) kills the a·b cross terms and leaves
/// σ_a² (sin·sin + cos·cos) = σ_a² cos(w_j·(x − x′)). As m → ∞ (law of large numbers over w_j ~ ρ):
/// Θ(x, x′) = (1 + σ_a² x·x′) k_ρ(x − x′) when W is trained, and Θ(x, x′) = k_ρ(x − x′) when it is fixed,
/// where k_ρ(z) = E_w cos(w·z) (<see cref="FrequencyDensity.Kernel"/>). A trained output bias adds 1.
/// See <see cref="InfiniteWidthNtk"/>.
/// </para>
/// </remarks>
public sealed class FourierFeatureNet : nn.Module<Tensor, Tensor>
{
    private const string FrequenciesName = "frequencies";
    private const string CosWeightsName = "cos_weights";
    private const string SinWeightsName = "sin_weights";
    private const string BiasName = "bias";

    /// <param name="inputDimension">d ≥ 1.</param>
    /// <param name="width">m ≥ 1, the number of frequency vectors (2m features cos, sin).</param>
    /// <param name="density">ρ, the distribution of each frequency component (rad per unit of x).</param>
    /// <param name="sigmaA">σ_a &gt; 0, the standard deviation of the output coefficients a_j, b_j.</param>
    /// <param name="seed">Seed of the <see cref="SplitMix64"/> that draws W, a and b.</param>
    /// <param name="trainFrequencies">Whether W is trainable (requires_grad); a and b always are.</param>
    /// <param name="outputBias">Whether to add a trainable scalar output bias c (initially 0).</param>
    /// <param name="stratified">1-D only: W = the density's quantiles F⁻¹((j + ½)/m) (no sampling noise) instead of random draws; a and b are still drawn from the seed.</param>
    /// <exception cref="ArgumentException">σ_a is not finite and positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">d or m &lt; 1.</exception>
    public FourierFeatureNet(
        int inputDimension,
        int width,
        FrequencyDensity density,
        double sigmaA = 1.0,
        long seed = 0,
        bool trainFrequencies = true,
        bool outputBias = false,
        bool stratified = false) : base(nameof(FourierFeatureNet))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentNullException.ThrowIfNull(density);
        if (!double.IsFinite(sigmaA) || !(sigmaA > 0))
        {
            throw new ArgumentException($"sigmaA (the standard deviation of the output coefficients) must be finite and > 0; got {sigmaA}.", nameof(sigmaA));
        }

        InputDimension = inputDimension;
        Width = width;
        Density = density;
        SigmaA = sigmaA;
        Seed = seed;
        if (stratified && inputDimension != 1)
        {
            throw new ArgumentException($"stratified frequencies (the density's quantiles) need a 1-D input; got {inputDimension} dimensions", nameof(stratified));
        }

        Stratified = stratified;
        var random = new SplitMix64(seed);
        var w = stratified ? density.Quantiles(width) : density.Sample(width, inputDimension, random);
        var a = NormalDraws.Draw(width, random, sigmaA);
        var b = NormalDraws.Draw(width, random, sigmaA);
        // Parameters are looked up by name when used: to(device/dtype) replaces the registered objects.
        register_parameter(FrequenciesName, new Parameter(ToFloatTensor(w, width, inputDimension), trainFrequencies));
        register_parameter(CosWeightsName, new Parameter(ToFloatTensor(a, width, 1)));
        register_parameter(SinWeightsName, new Parameter(ToFloatTensor(b, width, 1)));
        HasOutputBias = outputBias;
        if (outputBias)
        {
            register_parameter(BiasName, new Parameter(zeros(1, dtype: float32)));
        }
    }

    /// <summary>Input dimension d.</summary>
    public int InputDimension { get; }

    /// <summary>Whether W holds the density's quantiles (<see cref="FrequencyDensity.Quantiles"/>) instead of random draws.</summary>
    public bool Stratified { get; }

    /// <summary>Number of frequency vectors m.</summary>
    public int Width { get; }

    /// <summary>The density W was drawn from.</summary>
    public FrequencyDensity Density { get; }

    /// <summary>Standard deviation σ_a of the initial output coefficients a_j, b_j.</summary>
    public double SigmaA { get; }

    /// <summary>The seed W, a and b were drawn with.</summary>
    public long Seed { get; }

    /// <summary>Whether the network has an output bias c.</summary>
    public bool HasOutputBias { get; }

    /// <summary>Whether W is trained (its parameter requires a gradient). Setting it switches requires_grad.</summary>
    public bool TrainFrequencies
    {
        get => FrequencyParameter.requires_grad;
        set => FrequencyParameter.requires_grad = value;
    }

    /// <summary>The frequency parameter W (m×d, rad per unit of x; float32 unless the module was converted), named <c>frequencies</c>.</summary>
    public Parameter FrequencyParameter => Get(FrequenciesName);

    /// <summary>The cosine coefficients a (m×1), named <c>cos_weights</c>.</summary>
    public Parameter CosParameter => Get(CosWeightsName);

    /// <summary>The sine coefficients b (m×1), named <c>sin_weights</c>.</summary>
    public Parameter SinParameter => Get(SinWeightsName);

    /// <summary>The output bias c (shape [1]), named <c>bias</c>; null when there is none.</summary>
    public Parameter? BiasParameter => HasOutputBias ? Get(BiasName) : null;

    /// <summary>A copy of the current frequencies W, [j, k] = component k of w_j, in rad per unit of x.</summary>
    public double[,] Frequencies
    {
        get
        {
            var flat = Values(FrequencyParameter);
            var result = new double[Width, InputDimension];
            Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
            return result;
        }
    }

    /// <summary>A copy of the current cosine coefficients a_j.</summary>
    public double[] CosCoefficients => Values(CosParameter);

    /// <summary>A copy of the current sine coefficients b_j.</summary>
    public double[] SinCoefficients => Values(SinParameter);

    /// <summary>The current output bias c (0 when there is none).</summary>
    public double OutputBias => BiasParameter is { } bias ? Values(bias)[0] : 0;

    /// <summary>Number of trainable scalars (W counted only when <see cref="TrainFrequencies"/>).</summary>
    public long ParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>
    /// The infinite-width NTK of this architecture at initialisation: (1 + σ_a² x·x′) k_ρ(x − x′) when W is trained,
    /// k_ρ(x − x′) when it is fixed, plus 1 with an output bias; k_ρ(z) = <see cref="FrequencyDensity.Kernel"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x or x′ does not have d components.</exception>
    public double InfiniteWidthNtk(ReadOnlySpan<double> x, ReadOnlySpan<double> xPrime)
    {
        if (x.Length != InputDimension || xPrime.Length != InputDimension)
        {
            throw new ArgumentException($"Both points need {InputDimension} components; got {x.Length} and {xPrime.Length}.");
        }

        Span<double> difference = stackalloc double[InputDimension];
        double dot = 0;
        for (var k = 0; k < InputDimension; k++)
        {
            difference[k] = x[k] - xPrime[k];
            dot += x[k] * xPrime[k];
        }

        var kernel = Density.Kernel(difference);
        var ntk = TrainFrequencies ? (1 + SigmaA * SigmaA * dot) * kernel : kernel;
        return HasOutputBias ? ntk + 1 : ntk;
    }

    /// <summary>f(x) for inputs (n×d) in the parameters' dtype; returns (n×1).</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != InputDimension)
        {
            throw new ArgumentException($"FourierFeatureNet expects inputs of shape (n, {InputDimension}); got ({string.Join(", ", input.shape)}).", nameof(input));
        }

        using var scope = NewDisposeScope();
        var phase = input.matmul(FrequencyParameter.t());
        var output = (phase.cos().matmul(CosParameter) + phase.sin().matmul(SinParameter)) * (1 / Math.Sqrt(Width));
        if (BiasParameter is { } bias)
        {
            output = output + bias;
        }

        return output.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var p in parameters())
            {
                p.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private Parameter Get(string name) =>
        get_parameter(name) ?? throw new InvalidOperationException($"FourierFeatureNet has no parameter '{name}'.");

    private static Tensor ToFloatTensor(double[] values, long rows, long columns) =>
        tensor(Array.ConvertAll(values, v => (float)v), [rows, columns]);

    private static double[] Values(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to(float64).reshape(-1).data<double>().ToArray();
    }
}
