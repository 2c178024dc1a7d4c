using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace FreqScope.Solvers;

/// <summary>
/// Recursive-descent parser behind <see cref="SourceExpression"/>: tokenises the text and builds a LINQ expression tree
/// over (x, y), folding constant sub-expressions, which <see cref="Compile"/> turns into a delegate.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Most nested unary operators, powers, parentheses and calls; deeper text is rejected, not a stack overflow.</summary>
    internal const int MaxDepth = 256;

    private const string Operand = "a number, variable, function or \"(\"";

    private static readonly (string Name, Delegate Function)[] Functions =
    [
        ("sin", (Func<double, double>)Math.Sin),
        ("cos", (Func<double, double>)Math.Cos),
        ("tan", (Func<double, double>)Math.Tan),
        ("asin", (Func<double, double>)Math.Asin),
        ("acos", (Func<double, double>)Math.Acos),
        ("atan", (Func<double, double>)Math.Atan),
        ("sinh", (Func<double, double>)Math.Sinh),
        ("cosh", (Func<double, double>)Math.Cosh),
        ("tanh", (Func<double, double>)Math.Tanh),
        ("exp", (Func<double, double>)Math.Exp),
        ("log", (Func<double, double>)Math.Log),
        ("sqrt", (Func<double, double>)Math.Sqrt),
        ("abs", (Func<double, double>)Math.Abs),
        ("min", (Func<double, double, double>)Math.Min),
        ("max", (Func<double, double, double>)Math.Max),
        ("pow", (Func<double, double, double>)Math.Pow),
    ];

    private static readonly (string Name, double Value)[] Constants = [("pi", Math.PI), ("e", Math.E)];

    private static readonly MethodInfo PowMethod = ((Func<double, double, double>)Math.Pow).Method;

    private readonly string _text;
    private readonly string[] _variables;
    private readonly ParameterExpression[] _parameters;
    private Token _token;
    private int _next;
    private int _depth;

    public ExpressionParser(string text, string[] variables)
    {
        _text = text;
        _variables = variables;
        _parameters = [Expression.Parameter(typeof(double), "x"), Expression.Parameter(typeof(double), "y")];
    }

    private enum Kind
    {
        End,
        Number,
        Identifier,
        Symbol,
    }

    /// <summary>Validates the variable names (1 or 2 distinct identifiers, not a constant or function name).</summary>
    public static string[] CheckVariables(IReadOnlyList<string> variables)
    {
        if (variables.Count is < 1 or > 2)
        {
            throw new ArgumentException($"An expression takes 1 or 2 variables, got {variables.Count}.", nameof(variables));
        }

        var names = new string[variables.Count];
        for (var v = 0; v < names.Length; v++)
        {
            var name = variables[v];
            if (string.IsNullOrEmpty(name) || !IsIdentifierStart(name[0]) || !name.All(IsIdentifierPart))
            {
                throw new ArgumentException($"The variable name \"{name}\" is not an identifier (a letter or _ then letters, digits or _).", nameof(variables));
            }

            if (FindFunction(name) is not null || FindConstant(name) is not null)
            {
                throw new ArgumentException($"The variable name \"{name}\" is taken by a {(FindFunction(name) is not null ? "function" : "constant")}.", nameof(variables));
            }

            if (Array.IndexOf(names, name, 0, v) >= 0)
            {
                throw new ArgumentException($"The variable name \"{name}\" is given twice.", nameof(variables));
            }

            names[v] = name;
        }

        return names;
    }

    /// <summary>Parses the whole text and compiles it to f(x, y) (y unused with one variable).</summary>
    public Func<double, double, double> Compile()
    {
        Advance();
        if (_token.Kind == Kind.End)
        {
            throw new ExpressionException($"empty expression; expected {Operand}", 0);
        }

        var body = ParseSum();
        if (_token.Kind != Kind.End)
        {
            throw Unexpected("an operator or end of expression");
        }

        return Expression.Lambda<Func<double, double, double>>(body, _parameters).Compile();
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static Delegate? FindFunction(string name)
    {
        foreach (var (candidate, function) in Functions)
        {
            if (candidate == name)
            {
                return function;
            }
        }

        return null;
    }

    private static double? FindConstant(string name)
    {
        foreach (var (candidate, value) in Constants)
        {
            if (candidate == name)
            {
                return value;
            }
        }

        return null;
    }

    private static string Quote(string s) => $"\"{s}\"";

    // sum := product (('+' | '-') product)*
    private Expression ParseSum()
    {
        var left = ParseProduct();
        while (IsSymbol('+') || IsSymbol('-'))
        {
            var plus = IsSymbol('+');
            Advance();
            var right = ParseProduct();
            left = plus ? Binary(left, right, Expression.Add, static (a, b) => a + b) : Binary(left, right, Expression.Subtract, static (a, b) => a - b);
        }

        return left;
    }

    // product := unary (('*' | '/') unary)*
    private Expression ParseProduct()
    {
        var left = ParseUnary();
        while (IsSymbol('*') || IsSymbol('/'))
        {
            var times = IsSymbol('*');
            Advance();
            var right = ParseUnary();
            left = times ? Binary(left, right, Expression.Multiply, static (a, b) => a * b) : Binary(left, right, Expression.Divide, static (a, b) => a / b);
        }

        return left;
    }

    // unary := ('+' | '-') unary | power. Every nesting level passes through here, so the depth is counted here.
    private Expression ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionException($"expression nested too deeply at position {_token.Position}; at most {MaxDepth} levels", _token.Position);
        }

        Expression result;
        if (IsSymbol('-'))
        {
            Advance();
            var operand = ParseUnary();
            result = operand is ConstantExpression c ? Expression.Constant(-(double)c.Value!) : Expression.Negate(operand);
        }
        else if (IsSymbol('+'))
        {
            Advance();
            result = ParseUnary();
        }
        else
        {
            result = ParsePower();
        }

        _depth--;
        return result;
    }

    // power := primary ('^' unary)?  — right-associative; the exponent may carry a sign.
    private Expression ParsePower()
    {
        var baseValue = ParsePrimary();
        if (!IsSymbol('^'))
        {
            return baseValue;
        }

        Advance();
        var exponent = ParseUnary();
        return Binary(baseValue, exponent, (a, b) => Expression.Call(PowMethod, a, b), Math.Pow);
    }

    private Expression ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case Kind.Number:
                Advance();
                return Expression.Constant(token.Value);
            case Kind.Identifier:
                Advance();
                return IsSymbol('(') ? ParseCall(token) : ParseName(token);
            case Kind.Symbol when token.Symbol == '(':
                Advance();
                var inner = ParseSum();
                ExpectClose("an operator or \")\"");
                return inner;
            default:
                throw Unexpected(Operand);
        }
    }

    private Expression ParseName(Token token)
    {
        var name = token.Text;
        var index = Array.IndexOf(_variables, name);
        if (index >= 0)
        {
            return _parameters[index];
        }

        if (FindConstant(name) is { } value)
        {
            return Expression.Constant(value);
        }

        if (FindFunction(name) is not null)
        {
            throw new ExpressionException($"function \"{name}\" at position {token.Position} must be followed by \"(\" and its arguments", token.Position);
        }

        throw new ExpressionException($"unknown variable \"{name}\" at position {token.Position}; expected one of {string.Join(", ", _variables)}", token.Position);
    }

    private Expression ParseCall(Token name)
    {
        var function = FindFunction(name.Text);
        if (function is null)
        {
            var what = Array.IndexOf(_variables, name.Text) >= 0 ? "is a variable, not a function"
                : FindConstant(name.Text) is not null ? "is a constant, not a function"
                : null;
            throw new ExpressionException(
                what is null
                    ? $"unknown function \"{name.Text}\" at position {name.Position}; expected one of {string.Join(", ", Functions.Select(f => f.Name))}"
                    : $"\"{name.Text}\" at position {name.Position} {what}",
                name.Position);
        }

        Advance(); // '('
        var arguments = new List<Expression>(2);
        if (!IsSymbol(')'))
        {
            while (true)
            {
                arguments.Add(ParseSum());
                if (!IsSymbol(','))
                {
                    break;
                }

                Advance();
            }
        }

        ExpectClose("an operator, \",\" or \")\"");
        var arity = function.Method.GetParameters().Length;
        if (arguments.Count != arity)
        {
            throw new ExpressionException(
                $"\"{name.Text}\" takes {arity} argument{(arity == 1 ? "" : "s")}, got {arguments.Count}", name.Position);
        }

        if (arguments.TrueForAll(a => a is ConstantExpression))
        {
            var values = arguments.Select(a => (object?)(double)((ConstantExpression)a).Value!).ToArray();
            return Expression.Constant((double)function.DynamicInvoke(values)!);
        }

        return Expression.Call(function.Method, arguments);
    }

    private void ExpectClose(string expected)
    {
        if (IsSymbol(')'))
        {
            Advance();
            return;
        }

        throw _token.Kind == Kind.End ? Unexpected("\")\"") : Unexpected(expected);
    }

    private static Expression Binary(Expression left, Expression right, Func<Expression, Expression, Expression> build, Func<double, double, double> fold) =>
        left is ConstantExpression a && right is ConstantExpression b
            ? Expression.Constant(fold((double)a.Value!, (double)b.Value!))
            : build(left, right);

    private bool IsSymbol(char symbol) => _token.Kind == Kind.Symbol && _token.Symbol == symbol;

    private ExpressionException Unexpected(string expected) => _token.Kind == Kind.End
        ? new ExpressionException($"unexpected end of expression; expected {expected}", _token.Position)
        : new ExpressionException($"unexpected {Quote(_token.Text)} at position {_token.Position}; expected {expected}", _token.Position);

    /// <summary>Reads the next token into <see cref="_token"/>.</summary>
    private void Advance()
    {
        var text = _text;
        var i = _next;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            _token = new Token(Kind.End, i, string.Empty, 0, '\0');
            _next = i;
            return;
        }

        var start = i;
        var c = text[i];
        if (char.IsAsciiDigit(c) || c == '.')
        {
            _token = ReadNumber(start);
            _next = start + _token.Text.Length;
            return;
        }

        if (IsIdentifierStart(c))
        {
            while (i < text.Length && IsIdentifierPart(text[i]))
            {
                i++;
            }

            _token = new Token(Kind.Identifier, start, text[start..i], 0, '\0');
            _next = i;
            return;
        }

        if ("+-*/^(),".Contains(c, StringComparison.Ordinal))
        {
            _token = new Token(Kind.Symbol, start, c.ToString(), 0, c);
            _next = start + 1;
            return;
        }

        var shown = char.IsSurrogatePair(text, start) ? text.Substring(start, 2) : c.ToString();
        throw new ExpressionException($"unexpected character {Quote(shown)} at position {start}", start);
    }

    /// <summary>digits [. digits] | . digits, then optionally (e|E) [+|-] digits.</summary>
    private Token ReadNumber(int start)
    {
        var text = _text;
        var i = start;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            throw new ExpressionException($"malformed number \"{text[start..i]}\" at position {start}; expected digits", start);
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                throw new ExpressionException($"malformed number \"{text[start..i]}\" at position {start}; expected digits in the exponent", start);
            }
        }

        var lexeme = text[start..i];
        var value = double.Parse(lexeme, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new ExpressionException($"number \"{lexeme}\" at position {start} is out of range", start);
        }

        return new Token(Kind.Number, start, lexeme, value, '\0');
    }

    private readonly record struct Token(Kind Kind, int Position, string Text, double Value, char Symbol);
}
