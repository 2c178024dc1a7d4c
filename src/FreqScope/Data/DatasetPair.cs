namespace FreqScope.Data;

/// <summary>A data set's training and test parts.</summary>
/// <param name="Train">The training images.</param>
/// <param name="Test">The test images.</param>
public sealed record DatasetPair(ImageDataset Train, ImageDataset Test)
{
    /// <summary>Whether the files are the published ones; <see cref="DataIdentity.Unverified"/> unless the loader checked them.</summary>
    public DataIdentity Identity { get; init; } = DataIdentity.Unverified;

    /// <summary>
    /// For unverified files, one line saying so and why (e.g. <c>note: the files in DIR are not the published
    /// fashion-mnist (…); running on them as given</c>); null when verified.
    /// </summary>
    public string? IdentityNote { get; init; }
}
