using FreqScope.Models;
using FreqScope.Native;
using FreqScope.Tests.Support;

namespace FreqScope.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class FrequencyQuantilesTests
{
    public FrequencyQuantilesTests() => NativeLoader.EnsureLoaded();

    public static TheoryData<string> Densities() => new("gaussian", "uniform", "laplace", "increasing", "table");

    private static FrequencyDensity Make(string name) => name switch
    {
        "gaussian" => FrequencyDensity.Gaussian(2),
        "uniform" => FrequencyDensity.Uniform(3),
        "laplace" => FrequencyDensity.Laplace(0.7),
        "increasing" => FrequencyDensity.Increasing(4, 2),
        _ => FrequencyDensity.Table([0, 1, 3], [1, 2, 0]),
    };

    [Theory]
    [MemberData(nameof(Densities))]
    public void QuantilesAreSymmetricAscendingAndAverageCosinesFarBetterThanRandomDraws(string name)
    {
        var density = Make(name);
        const int m = 2000;
        var w = density.Quantiles(m);
        for (int j = 0; j < m; j++)
        {
            Assert.True(Math.Abs(w[j] + w[m - 1 - j]) <= 1e-9 * Math.Max(1, Math.Abs(w[j])), $"w[{j}] = {w[j]}, w[{m - 1 - j}] = {w[m - 1 - j]}");
            if (j > 0) Assert.True(w[j] >= w[j - 1], $"w[{j}] = {w[j]} < w[{j - 1}] = {w[j - 1]}");
        }

        // Random draws would be off by about 1/√m ≈ 0.02; the quantile rule is a midpoint rule in u.
        foreach (double z in new[] { 0.1, 0.5, 1.0, 2.0 })
            Assert.True(Math.Abs(w.Average(v => Math.Cos(v * z)) - density.CharacteristicCos(z)) < 2e-3, $"z = {z}");
    }

    [Fact]
    public void GaussianQuantilesMatchTheNormalInverseCdf()
    {
        var w = FrequencyDensity.Gaussian(1).Quantiles(3);
        Assert.Equal(-0.9674215661017, w[0], 8); // Φ⁻¹(1/6)
        Assert.Equal(0.0, w[1], 12);
        Assert.Equal(0.9674215661017, w[2], 8);
        Assert.Equal(2 * 2.5758293035489, FrequencyDensity.Gaussian(2).Quantiles(100)[99], 7); // 2·Φ⁻¹(0.995)
    }

    [Fact]
    public void AStratifiedNetworkHoldsTheQuantilesAndNeedsA1DInput()
    {
        var density = FrequencyDensity.Laplace(1.5);
        using var net = new FourierFeatureNet(1, 50, density, stratified: true);
        var expected = density.Quantiles(50);
        var w = net.Frequencies;
        for (int j = 0; j < 50; j++) Assert.Equal((float)expected[j], (float)w[j, 0]);
        Assert.True(net.Stratified);
        var e = Assert.Throws<ArgumentException>(() => new FourierFeatureNet(2, 50, density, stratified: true));
        Assert.Contains("need a 1-D input", e.Message);
    }
}
