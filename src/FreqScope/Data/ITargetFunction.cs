namespace FreqScope.Data;

/// <summary>A real function of one variable that a network is trained to fit.</summary>
public interface ITargetFunction
{
    /// <summary>The function's value at <paramref name="x"/>.</summary>
    double Evaluate(double x);

    /// <summary>A short human-readable formula, e.g. <c>sin(x) + sin(3x)</c>.</summary>
    string Describe();
}
