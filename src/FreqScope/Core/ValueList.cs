using System.Collections;
using System.Runtime.CompilerServices;
using FreqScope.Core.Config;

namespace FreqScope.Core;

/// <summary>
/// A read-only list that compares by its items, so that config records holding lists compare by value (record
/// equality would compare a <see cref="List{T}"/> by reference). Built by collection expressions
/// (<c>Hidden = [200, 200]</c>) or from any sequence; System.Text.Json reads it as an array through its
/// <see cref="ICollection{T}"/> side, which is for the reader alone.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, ICollection<T>, IEquatable<ValueList<T>>
{
    private readonly List<T> _items;

    /// <summary>An empty list (for the JSON reader, which then adds the items).</summary>
    public ValueList() => _items = [];

    /// <summary>A list of <paramref name="items"/>.</summary>
    public ValueList(IEnumerable<T> items) => _items = [.. items];

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc cref="IReadOnlyCollection{T}.Count"/>
    public int Count => _items.Count;

    bool ICollection<T>.IsReadOnly => false;

    /// <summary>A list of the items of <paramref name="items"/>.</summary>
    public static implicit operator ValueList<T>(List<T> items) => new(items);

    /// <summary>A list of the items of <paramref name="items"/>.</summary>
    public static implicit operator ValueList<T>(T[] items) => new(items);

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<T>.Add(T item) => _items.Add(item);

    void ICollection<T>.Clear() => throw new NotSupportedException("a ValueList is read-only");

    bool ICollection<T>.Contains(T item) => _items.Contains(item);

    void ICollection<T>.CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    bool ICollection<T>.Remove(T item) => throw new NotSupportedException("a ValueList is read-only");

    /// <summary>Whether both lists hold equal items in the same order.</summary>
    public bool Equals(ValueList<T>? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
