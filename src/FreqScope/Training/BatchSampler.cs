using FreqScope.Spectral;
namespace FreqScope.Training;

/// <summary>
/// Mini-batch indices without replacement: each epoch is a fresh permutation (Fisher–Yates) of 0..n−1, cut
/// into consecutive batches (the last batch of an epoch may be short). Driven by a SplitMix64 stream whose whole
/// state is one 64-bit number plus the position in the current permutation, so a checkpoint restores it exactly.
/// With batch size ≥ n every step is the full batch and no random numbers are drawn.
/// </summary>
public sealed class BatchSampler
{
    private readonly int _n;
    private readonly int _batch;
    private ulong _state;
    private int[] _perm;
    private int _pos;

    public BatchSampler(int n, int batchSize, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _n = n;
        _batch = Math.Min(batchSize, n);
        _state = seed;
        _perm = [];
        _pos = n;
    }

    public bool IsFullBatch => _batch >= _n;

    /// <summary>The indices of the next batch.</summary>
    public int[] Next()
    {
        if (IsFullBatch) return Enumerable.Range(0, _n).ToArray();
        if (_pos >= _n) Reshuffle();
        int take = Math.Min(_batch, _n - _pos);
        var result = _perm.AsSpan(_pos, take).ToArray();
        _pos += take;
        return result;
    }

    /// <summary>The sampler's state, to store in a checkpoint.</summary>
    public (ulong State, int[] Permutation, int Position) Save() => (_state, (int[])_perm.Clone(), _pos);

    public void Restore(ulong state, int[] permutation, int position)
    {
        _state = state;
        _perm = (int[])permutation.Clone();
        _pos = position;
    }

    private void Reshuffle()
    {
        _perm = Enumerable.Range(0, _n).ToArray();
        for (int i = _n - 1; i > 0; i--)
        {
            int j = (int)(NextUInt64() % (ulong)(i + 1));
            (_perm[i], _perm[j]) = (_perm[j], _perm[i]);
        }
        _pos = 0;
    }

    private ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
