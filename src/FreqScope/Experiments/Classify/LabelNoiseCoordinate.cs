namespace FreqScope.Experiments.Classify;

/// <summary>The input coordinate along which label noise varies. JSON: <c>"radial"</c> or <c>"projection"</c>.</summary>
public enum LabelNoiseCoordinate
{
    /// <summary>‖x − x̄‖, the distance from the training mean.</summary>
    Radial,

    /// <summary>The coordinate along the first principal component of the training images.</summary>
    Projection,
}
