package io.github.unigrad.optim;

import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;

import java.util.List;

/**
 * The catalogue of chain links, for {@code chain(transforms=[...], lr=...)}. The readers here are
 * also what the named presets in {@link Optimisers} use, so a key means the same everywhere.
 */
public final class Transforms {
    /** β1, β2, ε of the Adam family. */
    record Moments(double b1, double b2, double eps) {
    }

    private static final Catalogue<Transform> CATALOGUE = new Catalogue<Transform>("transform")
            .add("scale_by_lr", "u ← η_t u (the chain's learning rate)", p -> ScaleByLearningRate.INSTANCE)
            .add("clip", "clip each entry to [-max, max]",
                    p -> new Clip(p.positionalKeys("max").requiredReal("max", Range.POSITIVE)))
            .add("clip_by_global_norm", "u ← u · min(1, max/‖g‖); must come first",
                    p -> new ClipByGlobalNorm(p.positionalKeys("max").requiredReal("max", Range.POSITIVE)))
            .add("add_decayed_weights", "u ← u + λθ (decoupled decay before scale_by_lr, L2 when first)",
                    p -> new AddDecayedWeights(p.positionalKeys("weightDecay").requiredReal("weightDecay", Range.NON_NEGATIVE)))
            .add("add_l1", "u ← u + λ sign(θ) (the L1 subgradient; first: coupled)",
                    p -> new AddL1(p.positionalKeys("strength").requiredReal("strength", Range.NON_NEGATIVE)))
            .add("prox_l1", "θ ← sign(z) max(|z| - η l1, 0)/(1 + η l2), z = θ - u: exact zeros; last, lazy when sparse",
                    p -> new ProxL1(p.positionalKeys("l1", "l2").requiredReal("l1", Range.NON_NEGATIVE),
                            p.real("l2", 0, Range.NON_NEGATIVE)))
            .add("trace", "momentum b ← μb + (1-d)g; u = b or g + μb", p -> trace(p, 0.9))
            .add("nesterov_velocity", "DL4J Nesterovs: v ← μv - η g; u = μ v_prev - (1+μ) v",
                    p -> new NesterovVelocity(momentum(p, 0.9)))
            .add("scale_by_adagrad", "AdaGrad: G += g²; u = g/(√G + ε)", p -> adagrad(p, 1e-10, 0))
            .add("scale_by_rms", "RMSProp: v ← αv + (1-α)g²; u = g/(√v + ε), optionally centred", p -> rms(p, 1e-8, 0))
            .add("scale_by_adam", "Adam / AMSGrad moments", p -> adam(p, new Moments(0.9, 0.999, 1e-8), p.bool("amsgrad", false)))
            .add("scale_by_adamax", "AdaMax: infinity-norm second moment", p -> adamax(p, 1e-8))
            .add("scale_by_nadam", "Nadam: Nesterov-corrected first moment", p -> nadam(p))
            .add("scale_by_radam", "RAdam: rectified second moment", p -> radam(p))
            .add("scale_by_adadelta", "AdaDelta: u = g √(E[Δ²]+ε)/√(E[g²]+ε)", p -> adadelta(p, 0.9))
            .add("scale_by_belief", "AdaBelief: second moment of g - m", p -> belief(p, 1e-16))
            .add("scale_by_lion", "Lion: u = sign(β1 m + (1-β1) g)", p -> lion(p));

    private Transforms() {
    }

    public static Transform parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Transform build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    public static Catalogue<Transform> catalogue() {
        return CATALOGUE;
    }

    static double momentum(Params p, double def) {
        return p.real("momentum", def, Range.UNIT_HALF_OPEN);
    }

    static double eps(Params p, double def) {
        return p.real("eps", def, Range.POSITIVE);
    }

    static Moments moments(Params p, Moments def) {
        return new Moments(p.real("b1", def.b1(), Range.UNIT_HALF_OPEN), p.real("b2", def.b2(), Range.UNIT_HALF_OPEN),
                eps(p, def.eps()));
    }

    static Trace trace(Params p, double defaultMomentum) {
        double mu = momentum(p, defaultMomentum);
        double dampening = p.real("dampening", 0, Range.UNIT);
        boolean nesterov = p.bool("nesterov", false);
        if (nesterov && dampening != 0) {
            throw new SpecException(p.name() + ": nesterov=true needs dampening = 0 (as PyTorch), got "
                    + Spec.formatNumber(dampening));
        }
        return new Trace(mu, dampening, nesterov);
    }

    static ScaleByAdagrad adagrad(Params p, double defaultEps, double defaultInitial) {
        return new ScaleByAdagrad(eps(p, defaultEps), p.real("initialAccumulator", defaultInitial, Range.NON_NEGATIVE));
    }

    static ScaleByRms rms(Params p, double defaultEps, double defaultInitial) {
        double alpha = p.real("alpha", 0.99, Range.UNIT_HALF_OPEN);
        double eps = eps(p, defaultEps);
        boolean centered = p.bool("centered", false);
        return new ScaleByRms(alpha, eps, centered, p.real("initialAccumulator", defaultInitial, Range.NON_NEGATIVE));
    }

    static ScaleByAdam adam(Params p, Moments def, boolean amsgrad) {
        Moments m = moments(p, def);
        return new ScaleByAdam(m.b1(), m.b2(), m.eps(), p.bool("epsilonHat", false), amsgrad);
    }

    static ScaleByAdamax adamax(Params p, double defaultEps) {
        Moments m = moments(p, new Moments(0.9, 0.999, defaultEps));
        return new ScaleByAdamax(m.b1(), m.b2(), m.eps(), p.bool("epsInMax", true));
    }

    static ScaleByNadam nadam(Params p) {
        Moments m = moments(p, new Moments(0.9, 0.999, 1e-8));
        double momentumDecay = p.real("momentumDecay", 0, Range.NON_NEGATIVE);
        boolean dl4j = p.bool("dl4j", false);
        if (dl4j && momentumDecay != 0) {
            throw new SpecException(p.name() + ": momentumDecay = " + Spec.formatNumber(momentumDecay)
                    + " cannot be combined with dl4j=true (DL4J's Nadam has a constant β1); use momentumDecay = 0"
                    + " (constant β1) or dl4j=false");
        }
        return new ScaleByNadam(m.b1(), m.b2(), m.eps(), momentumDecay, dl4j);
    }

    static ScaleByRadam radam(Params p) {
        Moments m = moments(p, new Moments(0.9, 0.999, 1e-8));
        return new ScaleByRadam(m.b1(), m.b2(), m.eps(), p.real("threshold", 5, Range.atLeast(4)));
    }

    static ScaleByAdadelta adadelta(Params p, double defaultRho) {
        return new ScaleByAdadelta(p.real("rho", defaultRho, Range.UNIT_HALF_OPEN), eps(p, 1e-6));
    }

    static ScaleByBelief belief(Params p, double defaultEps) {
        Moments m = moments(p, new Moments(0.9, 0.999, defaultEps));
        return new ScaleByBelief(m.b1(), m.b2(), m.eps(), p.bool("epsilonHat", false));
    }

    static ScaleByLion lion(Params p) {
        return new ScaleByLion(p.real("b1", 0.9, Range.UNIT_HALF_OPEN), p.real("b2", 0.99, Range.UNIT_HALF_OPEN));
    }

    /** The transforms of a chain as they are written in its spec. */
    static List<Spec> specs(List<Transform> transforms) {
        return transforms.stream().map(Transform::spec).toList();
    }
}
