namespace FreqScope.Solvers;

/// <summary>
/// A <see cref="SourceExpression"/> text that cannot be parsed. The message names the offending token, its 0-based
/// <see cref="Position"/> and what was expected there, e.g. <c>unknown variable "z" at position 4; expected one of x, y</c>.
/// </summary>
public sealed class ExpressionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="position">0-based character offset of the offending token in the text (its length for the end of the text).</param>
    public ExpressionException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based character offset of the offending token; the text length when the text ended too early.</summary>
    public int Position { get; }
}
