#!/usr/bin/env python3
"""Profile the operators of DESIGN §8 on an NVIDIA GPU into Chronoscope's sample format.

Times the same operators Chronoscope's CPU engine runs (embedding, RMSNorm, QKV projection, RoPE,
KV-cache save, prefill and decode attention, output projection, gated MLP, residual add, LM head,
sampler) at the per-rank shapes of a HuggingFace config.json split for a tensor-parallel degree,
and optionally NCCL collectives (under torchrun with several GPUs). Each duration is the median of
CUDA-event timings after warm-up. The output is the CSV (or JSON) that
`chronoscope models import-samples FILE --device DEVICE` reads; see docs/calibration.md.

Examples:
    python3 calibrate/profile_gpu.py --config llama3-8b/config.json --tp 2 --out h100-llama3-8b-tp2.csv
    torchrun --nproc-per-node 4 calibrate/profile_gpu.py --config config.json --tp 4 --out h100-tp4.csv
    python3 calibrate/profile_gpu.py --config config.json --tp 2 --plan      # list the shapes; needs no GPU
"""
import argparse
import csv
import json
import os
import statistics
import sys
import tempfile

FEATURES = ["num_tokens", "n_embd", "n_head", "n_kv_head", "n_expanded_embd", "vocab_size", "use_gated_mlp", "tp",
            "batch_size", "sum_q_kv", "sum_kv", "block_size", "max_blocks_per_seq", "size", "num_workers", "devices_per_node"]
HEADER = ["kernel", "duration_ns", "source"] + FEATURES
PER_TOKEN = ["emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_kv_cache_save", "attn_post_proj",
             "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj", "add", "lm_head", "sampler"]
COLLECTIVES = ["all_reduce", "all_gather", "send_recv"]
ALL_OPS = PER_TOKEN + ["attn_prefill", "attn_decode"] + COLLECTIVES
BLOCK = 16


def int_list(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected comma-separated integers, got '%s'" % text)
    if not values or min(values) < 0:
        raise argparse.ArgumentTypeError("expected non-negative integers, got '%s'" % text)
    return values


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="Output columns: " + ",".join(HEADER))
    p.add_argument("--config", required=True, help="HuggingFace config.json of the model (or its folder)")
    p.add_argument("--tp", type=int, default=1, help="tensor-parallel degree the shapes are split for (default 1)")
    p.add_argument("--out", help="sample file to write: .csv or .json (required unless --plan)")
    p.add_argument("--source", help="value of the source column (default: profile_gpu:<GPU name>)")
    p.add_argument("--ops", type=lambda s: [o for o in s.split(",") if o], default=ALL_OPS, help="operators to profile (default: all)")
    p.add_argument("--tokens", type=int_list, default=[2 ** i for i in range(13)], help="token counts (default 1..4096, powers of 2)")
    p.add_argument("--prefill-batches", type=int_list, default=[1, 2, 4])
    p.add_argument("--prefill-lengths", type=int_list, default=[16, 64, 256, 1024, 4096], help="new tokens per prefill sequence")
    p.add_argument("--prefill-cached", type=int_list, default=[0, 1024], help="cached tokens before each prefill chunk")
    p.add_argument("--decode-batches", type=int_list, default=[1, 4, 16, 64, 256])
    p.add_argument("--decode-contexts", type=int_list, default=[128, 512, 2048, 8192])
    p.add_argument("--collective-bytes", type=int_list, default=[2 ** i for i in range(12, 29, 2)], help="message bytes (default 4 KiB..256 MiB)")
    p.add_argument("--warmup", type=int, default=5, help="untimed runs per shape (default 5)")
    p.add_argument("--repeats", type=int, default=20, help="timed runs per shape; the median is kept (default 20)")
    p.add_argument("--dtype", choices=["bfloat16", "float16"], default="bfloat16")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--plan", action="store_true", help="print the shapes and the CSV header, then exit (no GPU needed)")
    args = p.parse_args(argv)
    unknown = [o for o in args.ops if o not in ALL_OPS]
    if unknown:
        p.error("--ops: unknown operator(s) %s; expected some of %s" % (",".join(unknown), ",".join(ALL_OPS)))
    if args.repeats < 1 or args.warmup < 0:
        p.error("--repeats must be >= 1 and --warmup >= 0")
    if not args.plan and not args.out:
        p.error("--out FILE is required (a .csv or .json file)")
    if args.out and not args.out.lower().endswith((".csv", ".json")):
        p.error("--out: expected a .csv or .json file name, got '%s'" % args.out)
    for name in ("tokens", "prefill_batches", "prefill_lengths", "decode_batches", "decode_contexts", "collective_bytes"):
        if 0 in getattr(args, name):
            p.error("--%s: values must be >= 1" % name.replace("_", "-"))
    return args


class Model:
    """The shapes of a Llama-family config.json, split for a TP degree."""

    def __init__(self, path, tp):
        if os.path.isdir(path):
            path = os.path.join(path, "config.json")
        try:
            with open(path) as f:
                cfg = json.load(f)
        except OSError as e:
            sys.exit("profile_gpu.py: cannot read %s: %s" % (path, e.strerror))
        except json.JSONDecodeError as e:
            sys.exit("profile_gpu.py: %s: not valid JSON at line %d, column %d: %s" % (path, e.lineno, e.colno, e.msg))

        def field(name, default=None):
            value = cfg.get(name, default)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                sys.exit("profile_gpu.py: %s: field '%s' must be a positive integer, got %r" % (path, name, value))
            return value

        self.hidden = field("hidden_size")
        self.heads = field("num_attention_heads")
        self.kv_heads = field("num_key_value_heads", self.heads)
        self.inter = field("intermediate_size")
        self.vocab = field("vocab_size")
        self.eps = float(cfg.get("rms_norm_eps", 1e-6))
        self.tp = tp
        if self.hidden % self.heads:
            sys.exit("profile_gpu.py: %s: hidden_size %d is not a multiple of num_attention_heads %d" % (path, self.hidden, self.heads))
        for name, value in (("num_attention_heads", self.heads), ("num_key_value_heads", self.kv_heads),
                            ("intermediate_size", self.inter), ("vocab_size", self.vocab)):
            if tp < 1 or value % tp:
                sys.exit("profile_gpu.py: --tp %d does not divide %s (%d) of %s" % (tp, name, value, path))
        self.head_dim = self.hidden // self.heads
        self.q_local = self.heads // tp
        self.kv_local = self.kv_heads // tp

    def features(self, tokens):
        return {"num_tokens": tokens, "n_embd": self.hidden, "n_head": self.heads, "n_kv_head": self.kv_heads,
                "n_expanded_embd": self.inter, "vocab_size": self.vocab, "use_gated_mlp": 1, "tp": self.tp}


def plan(args, model, world):
    """Every (operator, features) to time, in the order they are measured."""
    shapes = []
    for op in PER_TOKEN:
        if op in args.ops:
            shapes += [(op, model.features(n)) for n in args.tokens]
    if "attn_prefill" in args.ops:
        for b in args.prefill_batches:
            for q in args.prefill_lengths:
                for cached in args.prefill_cached:
                    ctx = cached + q
                    f = model.features(b * q)
                    f.update(batch_size=b, sum_q_kv=b * q * ctx, sum_kv=b * ctx, block_size=BLOCK, max_blocks_per_seq=-(-ctx // BLOCK))
                    shapes.append(("attn_prefill", f))
    if "attn_decode" in args.ops:
        for b in args.decode_batches:
            for ctx in args.decode_contexts:
                f = model.features(b)
                f.update(batch_size=b, sum_kv=b * ctx, block_size=BLOCK, max_blocks_per_seq=-(-ctx // BLOCK))
                shapes.append(("attn_decode", f))
    if world > 1:
        per_node = int(os.environ.get("LOCAL_WORLD_SIZE", world))
        for op in COLLECTIVES:
            if op in args.ops:
                workers = 2 if op == "send_recv" else world
                shapes += [(op, {"size": s, "num_workers": workers, "devices_per_node": min(per_node, workers)}) for s in args.collective_bytes]
    return shapes


class Operators:
    """Builds a callable per shape; tensors are created once per shape, outside the timed region."""

    def __init__(self, torch, model, dtype, seed):
        self.torch = torch
        self.F = torch.nn.functional
        self.m = model
        self.dtype = dtype
        self.dev = torch.device("cuda")
        torch.manual_seed(seed)
        self.gqa = self.native_gqa()

    def rand(self, *shape):
        return self.torch.randn(*shape, device=self.dev, dtype=self.dtype) * 0.02

    def rms_norm(self, x, w):
        if hasattr(self.F, "rms_norm"):
            return self.F.rms_norm(x, (x.shape[-1],), w, self.m.eps)
        return x * self.torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + self.m.eps).to(x.dtype) * w

    def rope(self, q, k, positions):
        t, half = self.torch, self.m.head_dim // 2
        inv = 1.0 / (10000.0 ** (t.arange(0, half, device=self.dev, dtype=t.float32) / half))
        ang = positions.float()[:, None] * inv[None, :]
        cos, sin = ang.cos().to(self.dtype)[:, None, :], ang.sin().to(self.dtype)[:, None, :]

        def rotate(x):
            x1, x2 = x[..., :half], x[..., half:]
            return t.cat((x1 * cos - x2 * sin, x2 * cos + x1 * sin), dim=-1)
        return rotate(q), rotate(k)

    def per_token(self, op, n):
        t, F, m = self.torch, self.F, self.m
        h, hd = m.hidden, m.head_dim
        qkv_w = (m.q_local + 2 * m.kv_local) * hd
        if op == "emb":
            table, ids = self.rand(m.vocab // m.tp, h), t.randint(0, m.vocab // m.tp, (n,), device=self.dev)
            return lambda: F.embedding(ids, table)
        if op in ("input_layernorm", "post_attention_layernorm"):
            x, w = self.rand(n, h), self.rand(h)
            return lambda: self.rms_norm(x, w)
        if op == "attn_pre_proj":
            x, w = self.rand(n, h), self.rand(h, qkv_w)
            return lambda: x @ w
        if op == "attn_rope":
            q, k = self.rand(n, m.q_local, hd), self.rand(n, m.kv_local, hd)
            pos = t.arange(n, device=self.dev)
            return lambda: self.rope(q, k, pos)
        if op == "attn_kv_cache_save":
            k, v = self.rand(n, m.kv_local, hd), self.rand(n, m.kv_local, hd)
            kc, vc = self.rand(n, m.kv_local, hd), self.rand(n, m.kv_local, hd)
            slots = t.randperm(n, device=self.dev)
            return lambda: (kc.index_copy_(0, slots, k), vc.index_copy_(0, slots, v))
        if op == "attn_post_proj":
            x, w = self.rand(n, m.q_local * hd), self.rand(m.q_local * hd, h)
            return lambda: x @ w
        if op == "mlp_up_proj":
            x, w = self.rand(n, h), self.rand(h, 2 * m.inter // m.tp)
            return lambda: x @ w
        if op == "mlp_act":
            gu = self.rand(n, 2 * m.inter // m.tp)
            half = m.inter // m.tp
            return lambda: F.silu(gu[:, :half]) * gu[:, half:]
        if op == "mlp_down_proj":
            x, w = self.rand(n, m.inter // m.tp), self.rand(m.inter // m.tp, h)
            return lambda: x @ w
        if op == "add":
            a, b = self.rand(n, h), self.rand(n, h)
            return lambda: a + b
        if op == "lm_head":
            x, w = self.rand(n, h), self.rand(h, m.vocab // m.tp)
            return lambda: x @ w
        if op == "sampler":
            logits = self.rand(n, m.vocab).float()
            return lambda: t.multinomial(t.softmax(logits / 0.8, dim=-1), 1)
        raise ValueError(op)

    def native_gqa(self):
        """Whether this PyTorch's SDPA takes grouped KV heads itself (enable_gqa, PyTorch >= 2.5)."""
        q = self.rand(1, 2, 1, 8)
        kv = self.rand(1, 1, 1, 8)
        try:
            self.F.scaled_dot_product_attention(q, kv, kv, enable_gqa=True)
            return True
        except TypeError:
            return False

    def attention(self, batch, q_len, ctx):
        """Causal attention of q_len new tokens over ctx keys (the last q_len of them new)."""
        t, F, m = self.torch, self.F, self.m
        q = self.rand(batch, m.q_local, q_len, m.head_dim)
        k, v = self.rand(batch, m.kv_local, ctx, m.head_dim), self.rand(batch, m.kv_local, ctx, m.head_dim)
        group = m.q_local // m.kv_local
        causal = q_len > 1 and q_len == ctx  # no cached tokens: the plain causal mask (flash kernels take it)
        mask = None
        if q_len > 1 and not causal:
            rows = t.arange(q_len, device=self.dev)[:, None] + (ctx - q_len)
            mask = t.arange(ctx, device=self.dev)[None, :] <= rows
        if group == 1 or self.gqa:
            extra = {"enable_gqa": True} if group > 1 else {}
            return lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=causal, **extra)
        # Older PyTorch: repeat the KV heads, outside the timed call as a grouped kernel would not copy them.
        kk, vv = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
        return lambda: F.scaled_dot_product_attention(q, kk, vv, attn_mask=mask, is_causal=causal)

    def collective(self, op, size_bytes, dist):
        t = self.torch
        count = max(1, size_bytes // t.tensor([], dtype=self.dtype).element_size())
        x = self.rand(count)
        if op == "all_reduce":
            return lambda: dist.all_reduce(x)
        if op == "all_gather":
            out = [t.empty_like(x) for _ in range(dist.get_world_size())]
            return lambda: dist.all_gather(out, x)
        rank = dist.get_rank()

        def send_recv():
            if rank == 0:
                dist.recv(x, src=1)
            elif rank == 1:
                dist.send(x, dst=0)
        return send_recv


def time_median_ns(torch, fn, warmup, repeats, barrier=None):
    """Median of CUDA-event timings of fn after warm-up, in nanoseconds."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        if barrier:
            barrier()
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) * 1e6)
    return statistics.median(times)


def write_samples(path, rows):
    """Writes the samples atomically: a temporary file in the same folder, then a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".profile_gpu-", dir=folder)
    try:
        with os.fdopen(fd, "w", newline="") as f:
            if path.lower().endswith(".json"):
                json.dump({"samples": [{"kernel": k, "duration_ns": d, "source": s, "features": feats} for k, d, s, feats in rows]}, f, indent=1)
            else:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(HEADER)
                for k, d, s, feats in rows:
                    w.writerow([k, "%.1f" % d, s] + [feats.get(c, "") for c in FEATURES])
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    model = Model(args.config, args.tp)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    shapes = plan(args, model, world)
    if args.plan:
        print("%d shapes for %s at TP %d%s" % (len(shapes), args.config, args.tp, "" if world > 1 else " (collectives need torchrun with 2+ GPUs)"))
        print(",".join(HEADER))
        for op, feats in shapes:
            print(op, " ".join("%s=%s" % kv for kv in feats.items()))
        return 0

    import torch  # only here, so --help and --plan work without PyTorch
    if not torch.cuda.is_available():
        sys.exit("profile_gpu.py: no CUDA device is visible to PyTorch; run it on a machine with an NVIDIA GPU (or use --plan)")
    dist = None
    rank = 0
    if world > 1:
        import datetime
        import torch.distributed as dist
        # Rank 0 times the per-rank operators first while the others wait for the collectives.
        dist.init_process_group("nccl", timeout=datetime.timedelta(hours=2))
        rank = dist.get_rank()
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank)))
    ops = Operators(torch, model, getattr(torch, args.dtype), args.seed)
    source = args.source or "profile_gpu:" + torch.cuda.get_device_name().replace(",", " ")
    rows = []
    with torch.inference_mode():
        for i, (op, feats) in enumerate(shapes, 1):
            if op in COLLECTIVES:
                fn = ops.collective(op, feats["size"], dist)
                ns = time_median_ns(torch, fn, args.warmup, args.repeats, barrier=dist.barrier)
            elif rank != 0:
                continue
            elif op in ("attn_prefill", "attn_decode"):
                b = feats["batch_size"]
                q_len = feats["num_tokens"] // b
                ns = time_median_ns(torch, ops.attention(b, q_len, feats["sum_kv"] // b), args.warmup, args.repeats)
            else:
                ns = time_median_ns(torch, ops.per_token(op, feats["num_tokens"]), args.warmup, args.repeats)
            if rank == 0:
                rows.append((op, max(ns, 1.0), source, feats))
                print("[%d/%d] %-26s %s  %.1f us" % (i, len(shapes), op, " ".join("%s=%s" % kv for kv in feats.items() if kv[0] in
                      ("num_tokens", "batch_size", "sum_kv", "size", "num_workers")), ns / 1e3), flush=True)
            torch.cuda.empty_cache()
    if rank == 0:
        write_samples(args.out, rows)
        print("wrote %d samples to %s; import them with: chronoscope models import-samples %s --device DEVICE" % (len(rows), args.out, args.out))
    if dist:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
