namespace FreqScope.Data;

/// <summary>
/// A labelled image data set held in memory: <see cref="Count"/> images of <see cref="Channels"/> ×
/// <see cref="Height"/> × <see cref="Width"/> pixels, stored row-major as NCHW in <see cref="Pixels"/>
/// (image i, channel c, row y, column x is at <c>((i·C + c)·H + y)·W + x</c>). Pixels are the raw stored values
/// (0 … 255) until normalised with <see cref="PixelNormalizer"/>. The arrays are shared, not copied: treat them as
/// read-only.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Creates a data set after checking that the array lengths fit the shape.</summary>
    /// <param name="name">A name for messages, e.g. <c>"mnist/train"</c>.</param>
    /// <param name="channels">Channels per image (1 for grey, 3 for RGB).</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <param name="pixels">Count × channels × height × width values, NCHW.</param>
    /// <param name="labels">One class label per image, each below <paramref name="classCount"/>.</param>
    /// <param name="classCount">The number of classes (10 for MNIST, Fashion-MNIST and CIFAR-10).</param>
    /// <exception cref="ArgumentException">A dimension is not positive, the lengths do not fit, or a label is too large.</exception>
    public ImageDataset(string name, int channels, int height, int width, float[] pixels, byte[] labels, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (value, what) in new[] { (channels, "channels"), (height, "height"), (width, "width"), (classCount, "classCount") })
        {
            if (value <= 0) throw new ArgumentException($"{name}: {what} is {value}; expected a positive number", what);
        }

        long features = (long)channels * height * width;
        if (features > int.MaxValue) throw new ArgumentException($"{name}: {channels}×{height}×{width} values per image is too many", nameof(pixels));
        long expected = features * labels.Length;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"{name}: {pixels.LongLength} pixel values do not fit {labels.Length} labels of {channels}×{height}×{width} images; expected {expected}",
                nameof(pixels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new ArgumentException($"{name}: label {labels[i]} of image {i} is out of range; expected 0 to {classCount - 1}", nameof(labels));
            }
        }

        Name = name;
        Channels = channels;
        Height = height;
        Width = width;
        ClassCount = classCount;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>The name given at creation, e.g. <c>"mnist/train"</c>.</summary>
    public string Name { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Values per image: <see cref="Channels"/> · <see cref="Height"/> · <see cref="Width"/>.</summary>
    public int Features => Channels * Height * Width;

    /// <summary>Number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>All pixel values, <see cref="Count"/> × <see cref="Features"/>, NCHW row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>The class of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>The <see cref="Features"/> values of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * Features, Features);
    }

    /// <summary>Number of images of each class, indexed by label.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A new data set with the images at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 … <see cref="Count"/> − 1.</exception>
    public ImageDataset Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int features = Features;
        var pixels = new float[(long)indices.Count * features];
        var labels = new byte[indices.Count];
        for (int r = 0; r < indices.Count; r++)
        {
            int i = indices[r];
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"{Name}: index {i} at position {r} is outside 0 … {Count - 1}");
            }

            Array.Copy(Pixels, (long)i * features, pixels, (long)r * features, features);
            labels[r] = Labels[i];
        }

        return new ImageDataset(Name, Channels, Height, Width, pixels, labels, ClassCount);
    }

    /// <summary>The same images, labels and shape with new pixel values (e.g. normalised ones).</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> has a different length from <see cref="Pixels"/>.</exception>
    public ImageDataset WithPixels(float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != Pixels.LongLength)
        {
            throw new ArgumentException($"{Name}: {pixels.LongLength} pixel values given; expected {Pixels.LongLength} ({Count} × {Features})", nameof(pixels));
        }

        return new ImageDataset(Name, Channels, Height, Width, pixels, Labels, ClassCount);
    }

    /// <summary>E.g. <c>"mnist/train: 60000 images of 1×28×28, 10 classes"</c>.</summary>
    public override string ToString() => $"{Name}: {Count} images of {Channels}×{Height}×{Width}, {ClassCount} classes";
}
