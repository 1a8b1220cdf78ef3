package io.github.unigrad.optim;

import io.github.unigrad.schedule.Constant;
import io.github.unigrad.schedule.InverseTime;
import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimiser catalogue: named presets of {@link Chain}s ({@code adam(lr=1e-3)}), the generic
 * {@code chain(transforms=[...], lr=...)}, Schedule-Free, and the wrappers. Adding an optimiser here
 * makes it available to both plugins, which build optimisers through {@link #parse} / {@link #build}
 * only. Every preset takes its learning rate as the first positional argument or as {@code lr}, a
 * number or a schedule spec. Each preset's Javadoc is its transforms' (see the classes named below).
 *
 * <p><b>Weight decay, coupled or decoupled.</b> The presets whose PyTorch optimiser has a {@code weight_decay}
 * argument ({@code sgd}, {@code adagrad}, {@code rmsprop}, {@code adam}, {@code amsgrad}, {@code adamax},
 * {@code nadam}, {@code radam}, {@code adadelta}) take {@code weightDecay=λ} (default 0) with PyTorch's meaning:
 * L2 regularisation added to the gradient before the rule, {@code g ← g + λθ}, the chain
 * {@code [add_decayed_weights(λ), rule, scale_by_lr]}. The adaptive rule then rescales the decay with the
 * gradient, so a coordinate with a large gradient history is barely decayed. {@code adamw} and {@code lion}
 * instead decay decoupled (Loshchilov and Hutter 2019): {@code [rule, add_decayed_weights(λ), scale_by_lr]},
 * the update gains exactly {@code η_t λ θ}. {@code adam(weightDecay=λ)} is therefore not
 * {@code adamw(weightDecay=λ)}; with a zero gradient at {@code θ = 4}, {@code λ = 0.5}, {@code η = 0.1} the first
 * Adam step moves θ by about 0.1 (Adam's normalised step of {@code g = 2}), AdamW's by {@code 0.1 · 0.5 · 4 = 0.2}.
 */
public final class Optimisers {
    private static final Transforms.Moments ADAM = new Transforms.Moments(0.9, 0.999, 1e-8);

    private static final Catalogue<Optimiser> CATALOGUE = new Catalogue<Optimiser>("optimiser")
            .add("gradient_descent", "u = η g (full batch or not: the caller decides)", Optimisers::gradientDescent)
            .add("sgd", "PyTorch SGD: L2 weight decay, momentum with dampening, Nesterov", Optimisers::sgd)
            .add("momentum", "heavy ball: b ← μb + (1-d)g; u = η b", Optimisers::momentum)
            .add("nesterov", "Nesterov momentum: u = η(g + μb), or DL4J's velocity form", Optimisers::nesterov)
            .add("adagrad", "AdaGrad: G += g²; u = η g/(√G + ε); weightDecay: L2 on g (PyTorch)", Optimisers::adagrad)
            .add("rmsprop", "RMSProp, plain, centred or with momentum; weightDecay: L2 on g (PyTorch)", Optimisers::rmsprop)
            .add("adam", "Adam (Kingma & Ba 2015): bias-corrected first and second moments; weightDecay: L2 on g", p -> adam(p, "adam", false))
            .add("amsgrad", "AMSGrad (Reddi et al. 2018): Adam with the running maximum of v; weightDecay: L2 on g", p -> adam(p, "amsgrad", true))
            .add("adamax", "AdaMax (Kingma & Ba 2015): infinity-norm Adam; weightDecay: L2 on g", Optimisers::adamax)
            .add("nadam", "Nadam (Dozat 2016): Adam with Nesterov momentum; weightDecay: L2 on g", Optimisers::nadam)
            .add("adamw", "AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay (u += η λ θ after the rule)", Optimisers::adamw)
            .add("radam", "RAdam (Liu et al. 2020): rectified Adam; weightDecay: L2 on g", Optimisers::radam)
            .add("adadelta", "AdaDelta (Zeiler 2012); weightDecay: L2 on g (PyTorch)", Optimisers::adadelta)
            .add("adabelief", "AdaBelief (Zhuang et al. 2020)", Optimisers::adabelief)
            .add("lion", "Lion (Chen et al. 2023): sign of interpolated momentum", Optimisers::lion)
            .add("ftrl", "FTRL-Proximal (McMahan et al. 2013), as TensorFlow/Keras Ftrl: sparse models with l1",
                    Optimisers::ftrl)
            .add("schedule_free_sgd", "Schedule-Free SGD (Defazio et al. 2024)", p -> scheduleFree(p, false))
            .add("schedule_free_adamw", "Schedule-Free AdamW (Defazio et al. 2024)", p -> scheduleFree(p, true))
            .add("pegasos", "Pegasos (Shalev-Shwartz et al. 2011): u = η_t(g + λθ), η_t = lr/(λt)", Optimisers::pegasos)
            .add("averaging", "evaluate with the mean of the iterates (Polyak-Ruppert, Tribuo ParameterAveraging)",
                    p -> new Averaging(inner(p), p.bool("includeInitial", false)))
            .add("accumulate", "accumulate the gradient over k steps, then one inner step on the mean",
                    p -> new Accumulate(inner(p), every(p)))
            .add("lookahead", "Lookahead (Zhang et al. 2019): slow weights every k steps",
                    p -> new Lookahead(inner(p), p.integer("k", 5, 1, Integer.MAX_VALUE),
                            p.real("alpha", 0.5, new Range(0, false, 1, true))))
            .add("skip_nonfinite", "skip steps whose gradient holds NaN or infinity", p -> new SkipNonFinite(inner(p)))
            .add("chain", "any list of transforms, with the learning rate used by scale_by_lr", Optimisers::chain);

    private Optimisers() {
    }

    public static Optimiser parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Optimiser build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    public static List<String> names() {
        return CATALOGUE.names();
    }

    public static Catalogue<Optimiser> catalogue() {
        return CATALOGUE;
    }

    /** Adam with the paper's defaults and learning rate {@code lr}. */
    public static Optimiser adam(double lr) {
        return parse("adam(lr=" + Spec.formatNumber(lr) + ")");
    }

    /**
     * Reads {@code lr} (also the first positional argument): a number in [0, ∞), read and checked under the
     * optimiser's name ({@code adam: lr = nan is out of range}), or a schedule spec, which checks its own
     * arguments.
     */
    static Schedule learningRate(Params p, double def) {
        p.positionalKeys("lr");
        if (p.has("lr") && !p.isNumber("lr")) {
            return p.component("lr", null, Schedules.catalogue());
        }
        return new Constant(p.real("lr", def, Range.NON_NEGATIVE));
    }

    /** Reads a learning rate that must be given. */
    private static Schedule requiredLearningRate(Params p) {
        if (!p.positionalKeys("lr").has("lr")) {
            throw new SpecException(p.name() + ": missing required 'lr' (a number ≥ 0 or a schedule) in " + Excerpt.of(p.spec()));
        }
        return learningRate(p, Double.NaN);
    }

    private static Spec preset(String name, Schedule lr) {
        return Spec.of(name).with("lr", Schedules.inSpec(lr));
    }

    /** Copies the named arguments of {@code from} (a transform's spec) into {@code into}, except {@code skip}. */
    private static Spec with(Spec into, Spec from, String... skip) {
        Spec s = into;
        for (var e : from.named().entrySet()) {
            if (!List.of(skip).contains(e.getKey())) {
                s = s.with(e.getKey(), e.getValue());
            }
        }
        return s;
    }

    private static Optimiser gradientDescent(Params p) {
        Schedule lr = requiredLearningRate(p);
        return new Chain(preset("gradient_descent", lr), lr, List.of(ScaleByLearningRate.INSTANCE));
    }

    private static Optimiser sgd(Params p) {
        Schedule lr = learningRate(p, 0.01);
        Trace trace = Transforms.trace(p, 0);
        double wd = weightDecay(p);
        Spec spec = with(preset("sgd", lr), trace.spec()).with("weightDecay", wd);
        boolean momentum = (Double) trace.spec().named().get("momentum") > 0;
        if (!momentum && (Boolean) trace.spec().named().get("nesterov")) {
            throw new SpecException("sgd: nesterov=true needs momentum > 0 (as PyTorch)");
        }
        List<Transform> ts = momentum ? List.of(trace, ScaleByLearningRate.INSTANCE) : List.of(ScaleByLearningRate.INSTANCE);
        return new Chain(spec, lr, coupled(wd, ts));
    }

    private static Optimiser momentum(Params p) {
        Schedule lr = requiredLearningRate(p);
        double mu = Transforms.momentum(p, 0.9);
        double dampening = p.real("dampening", 0, Range.UNIT);
        Spec spec = preset("momentum", lr).with("momentum", mu).with("dampening", dampening);
        return new Chain(spec, lr, List.of(new Trace(mu, dampening, false), ScaleByLearningRate.INSTANCE));
    }

    private static Optimiser nesterov(Params p) {
        Schedule lr = requiredLearningRate(p);
        double mu = Transforms.momentum(p, 0.9);
        boolean inVelocity = p.bool("lrInVelocity", false);
        Spec spec = preset("nesterov", lr).with("momentum", mu).with("lrInVelocity", inVelocity);
        List<Transform> ts = inVelocity ? List.of(new NesterovVelocity(mu))
                : List.of(new Trace(mu, 0, true), ScaleByLearningRate.INSTANCE);
        return new Chain(spec, lr, ts);
    }

    private static Optimiser adagrad(Params p) {
        Schedule lr = learningRate(p, 0.01);
        Transform t = Transforms.adagrad(p, 1e-10, 0);
        return scaledWithL2(p, "adagrad", lr, t);
    }

    private static Optimiser rmsprop(Params p) {
        Schedule lr = learningRate(p, 0.01);
        ScaleByRms rms = Transforms.rms(p, 1e-8, 0);
        double mu = p.real("momentum", 0, Range.UNIT_HALF_OPEN);
        double wd = weightDecay(p);
        Spec spec = with(preset("rmsprop", lr), rms.spec()).with("momentum", mu).with("weightDecay", wd);
        List<Transform> ts = mu > 0 ? List.of(rms, new Trace(mu, 0, false), ScaleByLearningRate.INSTANCE)
                : List.of(rms, ScaleByLearningRate.INSTANCE);
        return new Chain(spec, lr, coupled(wd, ts));
    }

    private static Optimiser adam(Params p, String name, boolean amsgrad) {
        Schedule lr = learningRate(p, 1e-3);
        ScaleByAdam t = Transforms.adam(p, ADAM, amsgrad);
        return scaledWithL2(p, name, lr, t, "amsgrad");
    }

    /**
     * The common preset shape: one rule followed by the learning rate, printing as {@code name(lr=..., <rule's
     * keys except skip>)}.
     */
    private static Chain scaled(String name, Schedule lr, Transform rule, String... skip) {
        return new Chain(with(preset(name, lr), rule.spec(), skip), lr, List.of(rule, ScaleByLearningRate.INSTANCE));
    }

    /** Reads PyTorch's coupled {@code weightDecay} (L2 added to the gradient before the rule; default 0). */
    private static double weightDecay(Params p) {
        return p.real("weightDecay", 0, Range.NON_NEGATIVE);
    }

    /** {@code [add_decayed_weights(wd) unless wd = 0, then transforms]}: L2 added to the gradient (PyTorch's weight_decay). */
    private static List<Transform> coupled(double wd, List<Transform> transforms) {
        List<Transform> ts = new ArrayList<>();
        if (wd > 0) {
            ts.add(new AddDecayedWeights(wd));
        }
        ts.addAll(transforms);
        return ts;
    }

    /**
     * {@link #scaled} with PyTorch's coupled weight decay: {@code [add_decayed_weights(wd) unless wd = 0, rule,
     * scale_by_lr]}, printing {@code weightDecay} last.
     */
    private static Chain scaledWithL2(Params p, String name, Schedule lr, Transform rule, String... skip) {
        double wd = weightDecay(p);
        Spec spec = with(preset(name, lr), rule.spec(), skip).with("weightDecay", wd);
        return new Chain(spec, lr, coupled(wd, List.of(rule, ScaleByLearningRate.INSTANCE)));
    }

    /** {@code [rule, add_decayed_weights(wd) unless wd = 0, scale_by_lr]}. */
    private static List<Transform> decoupled(Transform rule, double wd) {
        return wd > 0 ? List.of(rule, new AddDecayedWeights(wd), ScaleByLearningRate.INSTANCE)
                : List.of(rule, ScaleByLearningRate.INSTANCE);
    }

    private static Optimiser adamw(Params p) {
        Schedule lr = learningRate(p, 1e-3);
        ScaleByAdam t = Transforms.adam(p, ADAM, p.bool("amsgrad", false));
        double wd = p.real("weightDecay", 0.01, Range.NON_NEGATIVE);
        return new Chain(with(preset("adamw", lr), t.spec()).with("weightDecay", wd), lr, decoupled(t, wd));
    }

    private static Optimiser adamax(Params p) {
        Schedule lr = learningRate(p, 2e-3);
        Transform t = Transforms.adamax(p, 1e-8);
        return scaledWithL2(p, "adamax", lr, t);
    }

    private static Optimiser nadam(Params p) {
        Schedule lr = learningRate(p, 2e-3);
        Transform t = Transforms.nadam(p);
        return scaledWithL2(p, "nadam", lr, t);
    }

    private static Optimiser radam(Params p) {
        Schedule lr = learningRate(p, 1e-3);
        Transform t = Transforms.radam(p);
        return scaledWithL2(p, "radam", lr, t);
    }

    private static Optimiser adadelta(Params p) {
        Schedule lr = learningRate(p, 1.0);
        Transform t = Transforms.adadelta(p, 0.9);
        return scaledWithL2(p, "adadelta", lr, t);
    }

    private static Optimiser adabelief(Params p) {
        Schedule lr = learningRate(p, 1e-3);
        Transform t = Transforms.belief(p, 1e-16);
        return scaled("adabelief", lr, t);
    }

    private static Optimiser lion(Params p) {
        Schedule lr = learningRate(p, 1e-4);
        Transform t = Transforms.lion(p);
        double wd = p.real("weightDecay", 0, Range.NON_NEGATIVE);
        return new Chain(with(preset("lion", lr), t.spec()).with("weightDecay", wd), lr, decoupled(t, wd));
    }

    /**
     * FTRL-Proximal ({@link FtrlProximal}) with Keras's defaults and validation: lr = 0.001,
     * {@code lrPower} = -0.5 (≤ 0), {@code initialAccumulator} = 0.1 (≥ 0), {@code l1}, {@code l2},
     * {@code l2Shrinkage} = 0 (≥ 0); also checked here, where Keras does not: lr &gt; 0 at step 0 (the rule
     * divides by it) and {@code beta} = 0 (≥ 0, so the quadratic term stays positive).
     */
    private static Optimiser ftrl(Params p) {
        Schedule lr = learningRate(p, 1e-3);
        p.check("lr", lr.at(0), Range.POSITIVE);
        FtrlProximal t = new FtrlProximal(p.real("lrPower", -0.5, new Range(Double.NEGATIVE_INFINITY, false, 0, true)),
                p.real("initialAccumulator", 0.1, Range.NON_NEGATIVE), p.real("l1", 0, Range.NON_NEGATIVE),
                p.real("l2", 0, Range.NON_NEGATIVE), p.real("l2Shrinkage", 0, Range.NON_NEGATIVE),
                p.real("beta", 0, Range.NON_NEGATIVE));
        return new Chain(with(preset("ftrl", lr), t.spec()), lr, List.of(t));
    }

    private static Optimiser scheduleFree(Params p, boolean adam) {
        Schedule lr = learningRate(p, adam ? 0.0025 : 1.0);
        String name = adam ? "schedule_free_adamw" : "schedule_free_sgd";
        Spec spec = preset(name, lr);
        double beta;
        Transforms.Moments m = ADAM;
        if (adam) {
            m = Transforms.moments(p, ADAM);
            beta = m.b1();
            spec = spec.with("b1", m.b1()).with("b2", m.b2()).with("eps", m.eps());
        } else {
            beta = Transforms.momentum(p, 0.9);
            spec = spec.with("momentum", beta);
        }
        double wd = p.real("weightDecay", 0, Range.NON_NEGATIVE);
        double r = p.real("r", 0, Range.NON_NEGATIVE);
        double power = p.real("weightLrPower", 2, Range.NON_NEGATIVE);
        spec = spec.with("weightDecay", wd).with("r", r).with("weightLrPower", power);
        return new ScheduleFree(spec, lr, adam, beta, m.b2(), m.eps(), wd, r, power);
    }

    private static Optimiser pegasos(Params p) {
        p.positionalKeys("lr", "lambda");
        double lr = p.requiredReal("lr", Range.POSITIVE);
        double lambda = p.requiredReal("lambda", Range.POSITIVE);
        if (!Double.isFinite(lr / lambda)) {
            throw new SpecException("pegasos: the rate scale lr / lambda = " + Spec.formatNumber(lr) + " / "
                    + Spec.formatNumber(lambda) + " is not finite");
        }
        Spec spec = Spec.of("pegasos").with("lr", lr).with("lambda", lambda);
        return new Chain(spec, new InverseTime(lr / lambda, 1, 1),
                List.of(new AddDecayedWeights(lambda), ScaleByLearningRate.INSTANCE));
    }

    private static Optimiser inner(Params p) {
        Optimiser inner = p.positionalKeys("inner").component("inner", null, CATALOGUE);
        if (inner == null) {
            throw new SpecException(p.name() + ": missing required 'inner' (an optimiser spec such as sgd(lr=0.1)) in " + Excerpt.of(p.spec()));
        }
        return inner;
    }

    private static int every(Params p) {
        if (!p.has("every")) {
            throw new SpecException("accumulate: missing required 'every' (the number of steps to accumulate, ≥ 1) in " + Excerpt.of(p.spec()));
        }
        return p.integer("every", 1, 1, Integer.MAX_VALUE);
    }

    private static Optimiser chain(Params p) {
        Schedule lr = learningRate(p, 1.0);
        List<Transform> ts = p.components("transforms", Transforms.catalogue());
        if (ts == null || ts.isEmpty()) {
            throw new SpecException("chain: missing required 'transforms' (a list such as [scale_by_adam(), scale_by_lr])");
        }
        try {
            return new Chain(null, lr, ts);
        } catch (IllegalArgumentException e) {
            throw new SpecException("chain: " + e.getMessage());
        }
    }
}
