using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FreqScope.Tests.Theory;

/// <summary>
/// f(x) = scale · Σ_j v_j tanh(u_j x + c_j) for 1-D x (input n×1, output n×1), with u, c, v ~ N(0, 1).
/// scale = 1/√m is the NTK parametrisation.
/// </summary>
internal sealed class TanhNet : nn.Module<Tensor, Tensor>
{
    private readonly Parameter u;
    private readonly Parameter c;
    private readonly Parameter v;

    public TanhNet(int width, double scale, int seed) : base(nameof(TanhNet))
    {
        var generator = new Generator((ulong)seed);
        u = new Parameter(randn([width], float32, generator: generator));
        c = new Parameter(randn([width], float32, generator: generator));
        v = new Parameter(randn([width], float32, generator: generator));
        Scale = scale;
        RegisterComponents();
    }

    public double Scale { get; }

    public double[] U => u.data<float>().Select(z => (double)z).ToArray();

    public double[] C => c.data<float>().Select(z => (double)z).ToArray();

    public double[] V => v.data<float>().Select(z => (double)z).ToArray();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = tanh(input * u + c);
        return (matmul(h, v.unsqueeze(1)) * Scale).MoveToOuterDisposeScope();
    }

    /// <summary>Outputs on x (n×1) as doubles, without gradient.</summary>
    public double[] Predict(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return forward(x).reshape(-1).to(float64).data<double>().ToArray();
    }

    /// <summary>One step of plain full-batch gradient descent on L = (1/2n) Σ (f − y)².</summary>
    public void GradientStep(Tensor x, Tensor y, double learningRate)
    {
        using var scope = NewDisposeScope();
        var n = x.shape[0];
        var loss = (forward(x) - y).pow(2).sum() / (2.0 * n);
        var grads = autograd.grad([loss], [u, c, v]);
        using var _ = no_grad();
        u.sub_(grads[0] * learningRate);
        c.sub_(grads[1] * learningRate);
        v.sub_(grads[2] * learningRate);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            u.Dispose();
            c.Dispose();
            v.Dispose();
        }

        base.Dispose(disposing);
    }
}
