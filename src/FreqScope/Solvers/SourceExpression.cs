namespace FreqScope.Solvers;

/// <summary>
/// A source term g typed as text, for example <c>exp(-x^2)*sin(10*x) + 2*pi*cos(3*y)</c>, parsed once and compiled to
/// a delegate (JIT-compiled code, about as fast as the same formula written in C#).
/// </summary>
/// <remarks>
/// <para>
/// Grammar, loosest binding first: sums <c>a + b</c>, <c>a - b</c>; products <c>a * b</c>, <c>a / b</c> (both left-associative);
/// unary <c>-a</c>, <c>+a</c>; powers <c>a ^ b</c>, right-associative and binding tighter than unary minus on its left
/// (<c>-x^2</c> = −(x²), <c>2^3^2</c> = 2⁹ = 512, <c>2^-1</c> = 0.5); then numbers (<c>1</c>, <c>2.5</c>, <c>.5</c>,
/// <c>1e-3</c>), the variables given to <see cref="Parse"/>, the constants <c>pi</c> and <c>e</c>, parentheses, and the
/// functions sin cos tan asin acos atan sinh cosh tanh exp log (natural) sqrt abs (one argument) and min max pow
/// (two arguments, comma-separated). Names are case-sensitive; whitespace is ignored; there is no implicit
/// multiplication (<c>2x</c> is an error). Evaluation follows IEEE arithmetic (<c>log(-1)</c> is NaN, <c>1/0</c> is ∞),
/// with the functions of <see cref="Math"/>; sub-expressions without variables are folded at parse time with the same
/// functions.
/// </para>
/// <para>An instance is immutable and thread-safe.</para>
/// </remarks>
public sealed class SourceExpression
{
    private readonly Func<double, double, double> _function;

    private SourceExpression(string text, string[] variables, Func<double, double, double> function)
    {
        Text = text;
        Variables = variables;
        _function = function;
    }

    /// <summary>The text as given to <see cref="Parse"/>.</summary>
    public string Text { get; }

    /// <summary>The variable names, in the order of the arguments of <c>Evaluate</c>.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Parses and compiles <paramref name="text"/>.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="variables">One or two distinct variable names (e.g. ["x"] or ["x", "y"]): identifiers
    /// ([A-Za-z_][A-Za-z0-9_]*) other than the constants and function names.</param>
    /// <exception cref="ExpressionException">The text is empty or not a valid expression; see the class remarks.</exception>
    /// <exception cref="ArgumentException">Invalid variable names.</exception>
    public static SourceExpression Parse(string text, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var names = ExpressionParser.CheckVariables(variables);
        var function = new ExpressionParser(text, names).Compile();
        return new SourceExpression(text, names, function);
    }

    /// <summary>Evaluates a one-variable expression at <paramref name="x"/>.</summary>
    /// <exception cref="InvalidOperationException">The expression has two variables.</exception>
    public double Evaluate(double x)
    {
        if (Variables.Count != 1)
        {
            throw new InvalidOperationException($"The expression has {Variables.Count} variables ({string.Join(", ", Variables)}); pass a value for each.");
        }

        return _function(x, 0.0);
    }

    /// <summary>Evaluates a two-variable expression at (<paramref name="x"/>, <paramref name="y"/>) (first and second variable).</summary>
    /// <exception cref="InvalidOperationException">The expression has one variable.</exception>
    public double Evaluate(double x, double y)
    {
        if (Variables.Count != 2)
        {
            throw new InvalidOperationException($"The expression has {Variables.Count} variable ({string.Join(", ", Variables)}); pass a value for each.");
        }

        return _function(x, y);
    }

    /// <summary>The text.</summary>
    public override string ToString() => Text;
}
