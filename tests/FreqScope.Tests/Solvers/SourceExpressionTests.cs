using FreqScope.Solvers;

namespace FreqScope.Tests.Solvers;

public sealed class SourceExpressionTests
{
    private static readonly string[] X = ["x"];
    private static readonly string[] XY = ["x", "y"];

    private static double Eval(string text, double x) => SourceExpression.Parse(text, X).Evaluate(x);

    public static readonly TheoryData<string, double, double> OneVariableCases = new()
    {
        { "1 + 2 * 3", 0, 7 },
        { "(1 + 2) * 3", 0, 9 },
        { "2 * 3 ^ 2", 0, 18 },
        { "-x^2", 3, -9 },
        { "(-x)^2", 3, 9 },
        { "2^3^2", 0, 512 },
        { "(2^3)^2", 0, 64 },
        { "2^-1", 0, 0.5 },
        { "-2^-2", 0, -0.25 },
        { "8 / 4 / 2", 0, 1 },
        { "8 - 4 - 2", 0, 2 },
        { "1 - -x", 5, 6 },
        { "--x", 5, 5 },
        { "+-+x", 5, -5 },
        { "2*-x", 5, -10 },
        { "x^2^-1", 9, 3 },
        { "1e-3 * x", 2, 0.002 },
        { ".5 + 2.5E+2 + 1.", 0, 251.5 },
        { "  x\t*\nx ", 1.5, 2.25 },
        { "10 - 2 * 3 / 4 + 1", 0, 9.5 },
    };

    [Theory]
    [MemberData(nameof(OneVariableCases))]
    public void PrecedenceAndAssociativity(string text, double x, double expected)
    {
        Assert.Equal(expected, Eval(text, x), 1e-15);
    }

    [Fact]
    public void EveryFunctionAndConstantMatchesMath()
    {
        const double x = 0.3;
        Assert.Equal(Math.Sin(x), Eval("sin(x)", x));
        Assert.Equal(Math.Cos(x), Eval("cos(x)", x));
        Assert.Equal(Math.Tan(x), Eval("tan(x)", x));
        Assert.Equal(Math.Asin(x), Eval("asin(x)", x));
        Assert.Equal(Math.Acos(x), Eval("acos(x)", x));
        Assert.Equal(Math.Atan(x), Eval("atan(x)", x));
        Assert.Equal(Math.Sinh(x), Eval("sinh(x)", x));
        Assert.Equal(Math.Cosh(x), Eval("cosh(x)", x));
        Assert.Equal(Math.Tanh(x), Eval("tanh(x)", x));
        Assert.Equal(Math.Exp(x), Eval("exp(x)", x));
        Assert.Equal(Math.Log(x), Eval("log(x)", x));
        Assert.Equal(Math.Sqrt(x), Eval("sqrt(x)", x));
        Assert.Equal(0.3, Eval("abs(-x)", x));
        Assert.Equal(0.3, Eval("min(x, 1)", x));
        Assert.Equal(2.0, Eval("max(x, 2)", x));
        Assert.Equal(Math.Pow(x, 1.7), Eval("pow(x, 1.7)", x));
        Assert.Equal(Math.PI, Eval("pi", x));
        Assert.Equal(Math.E, Eval("e", x));
        Assert.Equal(Math.Exp(1.0), Eval("exp(1)", x), 1e-15);
        // Constant sub-expressions are folded with the same functions: no difference to run-time evaluation.
        Assert.Equal(Math.Sin(0.3), Eval("sin(0.3)", 0));
        Assert.Equal(Math.Pow(2, 0.5) * Math.PI, Eval("2^0.5 * pi", 0));
    }

    [Fact]
    public void IeeeResultsAreReturnedNotThrown()
    {
        Assert.True(double.IsNaN(Eval("log(x)", -1)));
        Assert.Equal(double.PositiveInfinity, Eval("1 / x", 0));
        Assert.True(double.IsNaN(Eval("sqrt(x)", -4)));
    }

    [Fact]
    public void TwoVariablesTheExampleSourceTerm()
    {
        var g = SourceExpression.Parse("exp(-x^2)*sin(10*x) + 2*pi*cos(3*y)", XY);

        foreach (var (x, y) in new[] { (0.7, -0.4), (-1.3, 2.2), (0.0, 0.0) })
        {
            var expected = (Math.Exp(-Math.Pow(x, 2)) * Math.Sin(10 * x)) + (2 * Math.PI * Math.Cos(3 * y));
            Assert.Equal(expected, g.Evaluate(x, y), 1e-15);
        }

        Assert.Equal("exp(-x^2)*sin(10*x) + 2*pi*cos(3*y)", g.Text);
        Assert.Equal(XY, g.Variables);
        Assert.Equal(-3.0, SourceExpression.Parse("u - 2*v", ["u", "v"]).Evaluate(1, 2));
        Assert.Equal(-1.5, SourceExpression.Parse("t_1 * y", ["y", "t_1"]).Evaluate(0.5, -3), 1e-15);
    }

    [Fact]
    public void WrongNumberOfValuesIsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => SourceExpression.Parse("x + y", XY).Evaluate(1.0));
        Assert.Throws<InvalidOperationException>(() => SourceExpression.Parse("x", X).Evaluate(1.0, 2.0));
    }

    public static readonly TheoryData<string, int, string> Errors = new()
    {
        { "x + z", 4, "unknown variable \"z\" at position 4; expected one of x, y" },
        { "sine(x)", 0, "unknown function \"sine\" at position 0; expected one of sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, min, max, pow" },
        { "Sin(x)", 0, "unknown function \"Sin\" at position 0; expected one of sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, sqrt, abs, min, max, pow" },
        { "sin(x", 5, "unexpected end of expression; expected \")\"" },
        { "(1 + 2", 6, "unexpected end of expression; expected \")\"" },
        { "max(x, y", 8, "unexpected end of expression; expected \")\"" },
        { "sin(x, y)", 0, "\"sin\" takes 1 argument, got 2" },
        { "1 + max(x)", 4, "\"max\" takes 2 arguments, got 1" },
        { "cos()", 0, "\"cos\" takes 1 argument, got 0" },
        { "", 0, "empty expression; expected a number, variable, function or \"(\"" },
        { "   ", 0, "empty expression; expected a number, variable, function or \"(\"" },
        { "x +", 3, "unexpected end of expression; expected a number, variable, function or \"(\"" },
        { "x * * 2", 4, "unexpected \"*\" at position 4; expected a number, variable, function or \"(\"" },
        { "()", 1, "unexpected \")\" at position 1; expected a number, variable, function or \"(\"" },
        { "2x", 1, "unexpected \"x\" at position 1; expected an operator or end of expression" },
        { "(x))", 3, "unexpected \")\" at position 3; expected an operator or end of expression" },
        { "(x y)", 3, "unexpected \"y\" at position 3; expected an operator or \")\"" },
        { "max(x y)", 6, "unexpected \"y\" at position 6; expected an operator, \",\" or \")\"" },
        { "x # 2", 2, "unexpected character \"#\" at position 2" },
        { "1e+", 0, "malformed number \"1e+\" at position 0; expected digits in the exponent" },
        { "x + 2e", 4, "malformed number \"2e\" at position 4; expected digits in the exponent" },
        { "x + .", 4, "malformed number \".\" at position 4; expected digits" },
        { "1e999", 0, "number \"1e999\" at position 0 is out of range" },
        { "sin + 1", 0, "function \"sin\" at position 0 must be followed by \"(\" and its arguments" },
        { "2 * x(2)", 4, "\"x\" at position 4 is a variable, not a function" },
        { "pi(2)", 0, "\"pi\" at position 0 is a constant, not a function" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorsNameTheTokenItsPositionAndWhatWasExpected(string text, int position, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => SourceExpression.Parse(text, XY));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var parentheses = new string('(', 10_000) + "x" + new string(')', 10_000);
        Assert.Contains("nested too deeply", Assert.Throws<ExpressionException>(() => SourceExpression.Parse(parentheses, X)).Message, StringComparison.Ordinal);
        var minuses = new string('-', 10_000) + "x";
        Assert.Contains("nested too deeply", Assert.Throws<ExpressionException>(() => SourceExpression.Parse(minuses, X)).Message, StringComparison.Ordinal);

        // 100 levels are fine.
        Assert.Equal(2.0, Eval(new string('(', 100) + "x" + new string(')', 100), 2.0));
        Assert.Equal(2.0, Eval(new string('-', 100) + "x", 2.0));
    }

    [Fact]
    public void InvalidVariableListsAreRejected()
    {
        string[][] lists = [[], ["x", "y", "z"], ["x", "x"], ["sin"], ["pi"], ["2a"], [""]];
        string[] fragments = ["got 0", "got 3", "given twice", "taken by a function", "taken by a constant", "not an identifier", "not an identifier"];
        for (var i = 0; i < lists.Length; i++)
        {
            var error = Assert.Throws<ArgumentException>(() => SourceExpression.Parse("1", lists[i]));
            Assert.Contains(fragments[i], error.Message, StringComparison.Ordinal);
        }
    }
}
