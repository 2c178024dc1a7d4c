namespace FreqScope.Experiments.FourierFeatures;

/// <summary>
/// How well the frequency PDE followed the network's error spectrum. Distances are L2 over the whole symmetric
/// frequency grid [−Ξ, Ξ], R_net and R_pde the two spectra at probe step t.
/// </summary>
/// <param name="Discrepancy">The headline number: √(Σ_t ‖R_net − R_pde‖² / Σ_t ‖R_net‖²) over every probe (weighted, like the loss, by how much error there is at each step).</param>
/// <param name="FinalDiscrepancy">‖R_net − R_pde‖ / ‖R_net‖ at the last probe alone. Once the error has decayed by many orders of magnitude this compares float32 rounding noise and the finite learning rate's O(η²) per-step gap rather than the dynamics.</param>
/// <param name="DiscrepancyWithoutDiffusion"><paramref name="Discrepancy"/> for the PDE with D = 0; null when D is 0 anyway (frequencies not trained).</param>
/// <param name="PdeSeconds">Wall time of the finite-element solves.</param>
public sealed record FourierPdeSummary(double Discrepancy, double FinalDiscrepancy, double? DiscrepancyWithoutDiffusion, double PdeSeconds);
