#!/usr/bin/env python3
"""A `qep conform` engine written with QuTiP, the way a user would.

Reads one `qep eval` scenario per line on stdin and writes one JSON result per
line on stdout ({"error": "..."} when it cannot evaluate one):

    qep conform --engine "python3 adapters/qutip/engine.py"                  # tight mesolve tolerances
    qep conform --engine "python3 adapters/qutip/engine.py --qutip-defaults" # QuTiP's default Options()

davies: qutip.mesolve with the Davies jump operators sqrt(W(n|m)) |n><m| of every
bath (plus sqrt(gamma_n) |n><n| for pure dephasing); entropies with
qutip.entropy_vn and qutip.entropy_relative; rates from the Liouvillian,
d(rho)/dt = L(rho); with several baths also the heat currents J_k = tr[H D_k(rho)].
thermal-operation: rho'_SE = U (rho_S x rho_E^eq) U^dag, partial traces with
Qobj.ptrace, entropies with entropy_vn / entropy_relative / entropy_mutual, and
the trajectory averages (Eqs. 32-44) by enumerating every path with numpy.
Units hbar = k_B = 1, natural logarithms; +inf is written "Infinity".
"""
import json
import math
import sys

import numpy as np
import qutip

ZERO = 1e-12  # eigenvalues at or below this count as 0 (0 ln 0 = 0), as in qep
DEGENERATE = 1e-9  # energies this close (relative to max(1, |E|)) are one level

if "--qutip-defaults" in sys.argv:
    OPTIONS = qutip.Options()  # atol 1e-8, rtol 1e-6
else:
    OPTIONS = qutip.Options(atol=1e-14, rtol=1e-12, nsteps=10**6)


def matrix(value):
    """A scenario matrix: [[...]] or {"re": [[...]], "im": [[...]]}."""
    if isinstance(value, dict):
        return np.array(value["re"], dtype=float) + 1j * np.array(value["im"], dtype=float)
    return np.array(value, dtype=complex)


def to_json(m):
    a = m.full() if isinstance(m, qutip.Qobj) else np.asarray(m)
    return {"re": a.real.tolist(), "im": a.imag.tolist()}


def clean(rho):
    """rho made exactly Hermitian, eigenvalues <= ZERO set to 0 (mesolve rounds them slightly negative)."""
    vals, vecs = np.linalg.eigh((rho.full() + rho.full().conj().T) / 2)
    vals = np.where(vals > ZERO, vals, 0.0)
    return qutip.Qobj((vecs * vals) @ vecs.conj().T, dims=rho.dims)


def entropy(rho):
    return qutip.entropy_vn(clean(rho))


def kl(p, q):
    return float(sum(pi * math.log(pi / qi) for pi, qi in zip(p, q) if pi > ZERO))


def blocks(energies):
    """Indices of (nearly) equal energies, one list per level."""
    out = []
    for i in np.argsort(energies):
        if out and abs(energies[i] - energies[out[-1][-1]]) <= DEGENERATE * max(1.0, abs(energies[i])):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def dephase(rho, H):
    """Delta_H(rho): keep the blocks of rho on the eigenspaces of H."""
    vals, vecs = np.linalg.eigh(H.full())
    out = np.zeros(rho.shape, dtype=complex)
    for b in blocks(vals):
        P = vecs[:, b] @ vecs[:, b].conj().T
        out += P @ rho.full() @ P
    return qutip.Qobj(out, dims=rho.dims)


def coherence(rho, H):
    return entropy(dephase(rho, H)) - entropy(rho)


def entropy_rate(rho, drho):
    """-tr(drho ln rho): +inf when population flows into the kernel of rho."""
    vals, vecs = np.linalg.eigh(clean(rho).full())
    flows = np.real(np.einsum("ik,ij,jk->k", vecs.conj(), drho.full(), vecs))
    total = 0.0
    for lam, flow in zip(vals, flows):
        if lam > ZERO:
            total -= flow * math.log(lam)
        elif flow > 1e-12:
            return math.inf
    return total


def bath_rates(E, bath):
    """W[n][m], the rate of m -> n of one bath: its "rates", or the standard bath of its "gamma"."""
    d, beta = len(E), bath["beta"]
    if "rates" in bath:
        return np.array(bath["rates"], dtype=float)
    if "gamma" not in bath:
        raise ValueError("only baths given by rates or gamma")
    g = np.array(bath["gamma"], dtype=float)
    W = np.zeros((d, d))
    for n in range(d):
        for m in range(d):
            if E[n] > E[m]:
                nbar = 1 / math.expm1(beta * (E[n] - E[m]))
                W[m][n] = g[n][m] * (nbar + 1)  # emission n -> m
                W[n][m] = g[n][m] * nbar  # absorption m -> n
    return W


def schnakenberg(W, p):
    """1/2 sum_nm [W(n|m) p_m - W(m|n) p_n] ln(W(n|m) p_m / (W(m|n) p_n)): +inf for a one-way flux."""
    total = 0.0
    for n in range(len(p)):
        for m in range(len(p)):
            forward, backward = W[n][m] * max(p[m], 0.0), W[m][n] * max(p[n], 0.0)
            if n == m or forward == backward:
                continue
            if forward <= ZERO * W[n][m] or backward <= ZERO * W[m][n]:
                return math.inf
            total += 0.5 * (forward - backward) * math.log(forward / backward)
    return total


def davies(s):
    baths = s["baths"] if "baths" in s else [{"beta": s["beta"], **{k: s[k] for k in ("rates", "gamma") if k in s}}]
    if "energies" in s:
        E = np.array(s["energies"], dtype=float)
        H = qutip.Qobj(np.diag(E))
        kets = [qutip.basis(len(E), n) for n in range(len(E))]
    else:
        H = qutip.Qobj(matrix(s["H"]))
        E, kets = H.eigenstates()
    d = len(E)
    Ws = [bath_rates(E, b) for b in baths]
    bath_ops = [[math.sqrt(W[n][m]) * kets[n] * kets[m].dag() for n in range(d) for m in range(d) if n != m and W[n][m] > 0] for W in Ws]
    deph_ops = [math.sqrt(gm) * kets[n] * kets[n].dag() for n, gm in enumerate(s.get("dephasing", [])) if gm > 0]
    c_ops = [c for ops in bath_ops for c in ops] + deph_ops
    rho0 = qutip.Qobj(matrix(s["rho0"]))
    states = qutip.mesolve(H, rho0, s["times"], c_ops, [], options=OPTIONS).states
    L = qutip.liouvillian(H, c_ops)
    Ls = [sum(qutip.lindblad_dissipator(c) for c in ops) if ops else None for ops in bath_ops]
    one = len(baths) == 1
    if one:
        beta = baths[0]["beta"]
        rho_eq = (-beta * H).expm()
        rho_eq = rho_eq / rho_eq.tr()
        p_eq = [qutip.expect(k * k.dag(), rho_eq) for k in kets]
    keys = ["rho", "populations", "S", "C", "Pi", "Pi_d", "Upsilon", "Phi", "dSdt", "J"] + (["F", "Srel", "Srel_pop"] if one else [])
    out = {k: [] for k in keys}
    for rho in states:
        drho = qutip.vector_to_operator(L * qutip.operator_to_vector(rho))
        p = [float(np.real((k.dag() * rho * k).tr())) for k in kets]
        dp = [float(np.real((k.dag() * drho * k).tr())) for k in kets]
        S = entropy(rho)
        dSdt = entropy_rate(rho, drho)
        # d/dt S(Delta rho) = -sum dp_n ln p_n (+inf with inflow into an empty level)
        dSdeph = math.inf if any(pn <= ZERO and dpn > 1e-12 for pn, dpn in zip(p, dp)) else -sum(dpn * math.log(pn) for pn, dpn in zip(p, dp) if pn > ZERO)
        # heat current from each bath, J_k = tr[H D_k(rho)], and the entropy flux -sum_k beta_k J_k
        J = [float(np.real((H * qutip.vector_to_operator(Lk * qutip.operator_to_vector(rho))).tr())) if Lk is not None else 0.0 for Lk in Ls]
        Phi = -sum(b["beta"] * Jk for b, Jk in zip(baths, J))
        if one:
            Pi_d = math.inf if any(pn <= ZERO and dpn > 1e-12 for pn, dpn in zip(p, dp)) else -sum(dpn * (math.log(pn) - math.log(qn)) for pn, dpn, qn in zip(p, dp, p_eq) if pn > ZERO)
        else:
            Pi_d = sum(schnakenberg(W, p) for W in Ws)
        Upsilon = dSdt - dSdeph if math.isfinite(dSdeph) else (0.0 if math.isinf(dSdt) else -math.inf)
        out["rho"].append(to_json(rho))
        out["populations"].append(p)
        out["S"].append(S)
        out["C"].append(coherence(rho, H))
        out["Pi"].append(dSdt + Phi)
        out["Pi_d"].append(Pi_d)
        out["Upsilon"].append(Upsilon)
        out["Phi"].append(Phi)
        out["dSdt"].append(dSdt)
        out["J"].append(J)
        if one:
            out["F"].append(float(np.real((H * rho).tr())) - S / beta)
            out["Srel"].append(qutip.entropy_relative(clean(rho), rho_eq))
            out["Srel_pop"].append(kl(p, p_eq))
    return {"times": s["times"], **out}


def thermal(s):
    beta = s["beta"]
    HS, HE = qutip.Qobj(matrix(s["HS"])), qutip.Qobj(matrix(s["HE"]))
    dS, dE = HS.shape[0], HE.shape[0]
    HS.dims, HE.dims = [[dS], [dS]], [[dE], [dE]]
    rhoS = qutip.Qobj(matrix(s["rhoS"]), dims=[[dS], [dS]])
    H0 = qutip.tensor(HS, qutip.qeye(dE)) + qutip.tensor(qutip.qeye(dS), HE)
    if "U" in s:
        U = qutip.Qobj(matrix(s["U"]), dims=H0.dims)
    else:
        U = (-1j * s["t"] * (H0 + qutip.Qobj(matrix(s["V"]), dims=H0.dims))).expm()
    gE, gS = (-beta * HE).expm(), (-beta * HS).expm()
    rhoE, rhoS_eq = gE / gE.tr(), gS / gS.tr()
    rhoSE = U * qutip.tensor(rhoS, rhoE) * U.dag()
    rhoS_f, rhoE_f = rhoSE.ptrace(0), rhoSE.ptrace(1)

    # Q and alpha in the eigenbasis of H_S (ascending): the channel on |n><m|
    ES, kS = HS.eigenstates()

    def channel(op):
        return (U * qutip.tensor(op, rhoE) * U.dag()).ptrace(0)

    Q = [[0.0] * dS for _ in range(dS)]
    alpha_re = [[None] * dS for _ in range(dS)]
    alpha_im = [[None] * dS for _ in range(dS)]
    bohr = [(ES[n] - ES[m], n, m) for n in range(dS) for m in range(dS) if n != m]
    for n in range(dS):
        out_n = channel(kS[n] * kS[n].dag())
        for m in range(dS):
            Q[m][n] = float(np.real((kS[m].dag() * out_n * kS[m]).tr()))
            if n != m and not any((a, b) != (n, m) and abs(w - (ES[n] - ES[m])) <= DEGENERATE * max(1.0, abs(w)) for w, a, b in bohr):
                a = complex((kS[n].dag() * channel(kS[n] * kS[m].dag()) * kS[m]).tr())
                alpha_re[n][m], alpha_im[n][m] = a.real, a.imag
    p = [float(np.real((k.dag() * rhoS * k).tr())) for k in kS]
    p_f = [float(np.real((k.dag() * rhoS_f * k).tr())) for k in kS]
    p_eq = [float(np.real((k.dag() * rhoS_eq * k).tr())) for k in kS]
    C_S, C_S_f = coherence(rhoS, HS), coherence(rhoS_f, HS)
    C_SE_f, C_E_f = coherence(rhoSE, H0), coherence(rhoE_f, HE)
    Sigma = qutip.entropy_relative(clean(rhoS), rhoS_eq) - qutip.entropy_relative(clean(rhoS_f), rhoS_eq)
    return {
        "rhoS_final": to_json(rhoS_f),
        "rhoE_final": to_json(rhoE_f),
        "Q": Q,
        "alpha": {"re": alpha_re, "im": alpha_im},
        "Sigma": Sigma,
        "Sigma_d": kl(p, p_eq) - kl(p_f, p_eq),
        "Xi": C_S - C_S_f,
        "Srel_E": qutip.entropy_relative(clean(rhoE_f), rhoE),
        "I_SE": qutip.entropy_mutual(clean(rhoSE), 0, 1),
        "C_S": C_S,
        "C_S_final": C_S_f,
        "C_SE_final": C_SE_f,
        "C_E_final": C_E_f,
        "C_cc": C_SE_f - C_S_f - C_E_f,
        "S_deph_SE_final": entropy(dephase(rhoSE, H0)),
        "S_deph_S": entropy(dephase(rhoS, HS)),
        "S_E_eq": entropy(rhoE),
        "traj": trajectories(rhoS, rhoS_f, HS, HE, rhoE, U),
    }


def trajectories(rhoS, rhoS_f, HS, HE, rhoE, U):
    """Exact averages over the paths X = (alpha, mu, beta, nu) of Eqs. 32-44."""
    pa, psi = np.linalg.eigh(rhoS.full())
    pb, psi_f = np.linalg.eigh(clean(rhoS_f).full())
    q, env = np.linalg.eigh(rhoE.full())
    _, nS = np.linalg.eigh(HS.full())
    pn = np.real(np.einsum("in,ij,jn->n", nS.conj(), rhoS.full(), nS))
    pm = np.real(np.einsum("in,ij,jn->n", nS.conj(), rhoS_f.full(), nS))
    dS, dE = len(pa), len(q)
    # A[b, nu, a, mu] = <psi'_b, nu| U |psi_a, mu>
    A = (np.kron(psi_f, env).conj().T @ U.full() @ np.kron(psi, env)).reshape(dS, dE, dS, dE)
    PF = np.abs(A) ** 2 * (pa[None, None, :, None] * q[None, None, None, :])
    # overlaps |<n|psi_a>|^2 and |<m|psi'_b>|^2
    on = np.abs(nS.conj().T @ psi) ** 2  # [n, a]
    om = np.abs(nS.conj().T @ psi_f) ** 2  # [m, b]
    means = {"mean_exp_minus_sigma": 0.0, "mean_sigma": 0.0, "mean_sigma_d": 0.0, "mean_xi": 0.0, "mean_exp_minus_sigma_d": 0.0}
    for b, nu, a, mu in np.argwhere(PF > 0):
        P = PF[b, nu, a, mu]
        if pa[a] <= ZERO or pb[b] <= ZERO:
            continue
        sigma = math.log(pa[a] * q[mu] / (pb[b] * q[nu]))
        means["mean_exp_minus_sigma"] += P * math.exp(-sigma)
        means["mean_sigma"] += P * sigma
        for n in range(dS):
            for m in range(dS):
                w = P * on[n, a] * om[m, b]
                if w <= 0 or pn[n] <= ZERO or pm[m] <= ZERO:
                    continue
                sigma_d = math.log(pn[n] * q[mu] / (pm[m] * q[nu]))
                means["mean_sigma_d"] += w * sigma_d
                means["mean_xi"] += w * math.log(pa[a] * pm[m] / (pb[b] * pn[n]))
                means["mean_exp_minus_sigma_d"] += w * math.exp(-sigma_d)
    return means


def evaluate(s):
    if s.get("model") == "davies":
        return davies(s)
    if s.get("model") == "thermal-operation":
        return thermal(s)
    return {"error": f"unknown model {s.get('model')!r}"}


def finite(x):
    """+-inf as the strings qep reads; everything else as is."""
    if isinstance(x, float) and math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return x


for line in sys.stdin:
    try:
        answer = finite(evaluate(json.loads(line)))
    except Exception as e:  # noqa: BLE001 - any failure is reported to qep as a declined scenario
        answer = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(answer), flush=True)
