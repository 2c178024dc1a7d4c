using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FreqScope.Core;

namespace FreqScope.Cli;

/// <summary>
/// The command line's typed values, checked by the parser itself so that a bad one is a one-line usage error that
/// names the option, the value given and what is expected (never a stack trace or a .NET type name), and the check
/// that turns a misspelled option into "unknown option …; did you mean …?" instead of taking it as the CONFIG path.
/// </summary>
internal static class CliValues
{
    /// <summary>A 64-bit integer option of at least <paramref name="min"/>.</summary>
    public static Option<long?> Long(string name, string description, long min = long.MinValue) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, name, min, long.MaxValue),
    };

    /// <summary>A 32-bit integer option of at least <paramref name="min"/>.</summary>
    public static Option<int?> Int(string name, string description, int min = int.MinValue) => new(name)
    {
        Description = description,
        CustomParser = r => (int?)Parse(r, name, min, int.MaxValue),
    };

    /// <summary>A finite number option of at least <paramref name="min"/>; another value is one line naming it and the range.</summary>
    public static Option<double?> Double(string name, string description, double min) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : string.Empty;
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= min)
                return value;
            r.AddError($"{name} {PrintableText.Escape(token)} is not a number >= {min.ToString(CultureInfo.InvariantCulture)}; expected e.g. {name} 2");
            return null;
        },
    };

    /// <summary>A 32-bit integer argument of at least <paramref name="min"/>.</summary>
    public static Argument<int> IntArgument(string name, string description, int min = int.MinValue) => new(name)
    {
        Description = description,
        CustomParser = r => (int)(Parse(r, name, min, int.MaxValue) ?? 0),
    };

    /// <summary>
    /// Restricts <paramref name="option"/> to <paramref name="values"/> (also its completions); another value is one
    /// line naming the option, the value and the choices.
    /// </summary>
    public static void OneOf(Option option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!values.Contains(token.Value, StringComparer.Ordinal))
                    r.AddError($"{option.Name} {Shown(token.Value)} is not allowed; expected one of {string.Join(", ", values)}");
            }
        });
    }

    /// <summary>The integer of <paramref name="result"/>'s one token, or null with the error added to the parse.</summary>
    private static long? Parse(ArgumentResult result, string name, long min, long max)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var error = Check(name, token, min, max, out var value);
        if (error is null) return value;
        result.AddError(error);
        return null;
    }

    /// <summary>
    /// Null when <paramref name="token"/> is an integer from <paramref name="min"/> to <paramref name="max"/>
    /// (<paramref name="value"/> set), else the message naming <paramref name="name"/>, the token and the range.
    /// </summary>
    internal static string? Check(string name, string token, long min, long max, out long value)
    {
        var expected = min == long.MinValue || min == int.MinValue ? $"an integer from {min} to {max}" : $"an integer >= {min}";
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            var digits = token.Length > 0 && token.TrimStart('-', '+').All(char.IsAsciiDigit) && token.TrimStart('-', '+').Length > 0;
            return digits
                ? $"{name} {token} is out of range; expected an integer from {min} to {max}"
                : $"{name} {Shown(token)} is not an integer; expected {expected}";
        }

        if (value < min) return $"{name} {value} is out of range; expected {expected}";
        if (value > max) return $"{name} {value} is out of range; expected an integer from {min} to {max}";
        return null;
    }

    /// <summary>
    /// Adds to <paramref name="argument"/> (a command's CONFIG) the check that a token starting with '-' is an option
    /// nobody declared: the error names it and, when one of <paramref name="command"/>'s options is at most two edits
    /// away, suggests it.
    /// </summary>
    public static void RefuseUnknownOptions(Argument<string?> argument, Command command)
    {
        argument.Validators.Add(r =>
        {
            if (r.Tokens.Count == 0 || r.Tokens[0].Value is not { Length: > 1 } token || token[0] != '-') return;
            r.AddError(UnknownOption(command, token));
        });
    }

    /// <summary>The message for an option <paramref name="command"/> does not declare.</summary>
    internal static string UnknownOption(Command command, string token)
    {
        var given = token.Split('=', 2)[0];
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
        var nearest = names.Select(n => (Name: n, Distance: Distance(given, n))).OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        var hint = nearest.Name is not null && nearest.Distance <= 2 ? $"did you mean {nearest.Name}?" : $"see 'freqscope {command.Name} --help'";
        return $"unknown option {Shown(given)} for {command.Name}; {hint}";
    }

    /// <summary>Whether <paramref name="message"/> is one of <see cref="UnknownOption"/>'s.</summary>
    internal static bool IsUnknownOption(string message) => message.StartsWith("unknown option ", StringComparison.Ordinal);

    /// <summary>A token as shown in a message: at most 60 characters.</summary>
    private static string Shown(string token) => token.Length <= 60 ? token : token[..57] + "...";

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) from <paramref name="a"/> to <paramref name="b"/>.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
