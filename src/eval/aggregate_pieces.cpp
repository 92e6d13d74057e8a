// aggregate_pieces (eval/determinants.hpp): one pass over a grid's pieces for all its TOU
// period groups, a register of lanes per kind of piece (IntervalSlots::kinds), in the
// widest vectors the CPU has (PassIsa), with a piece-by-piece fallback for grids of many
// kinds or of values so large that a 64-bit sum could overflow.
#include "eval/determinants.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace rateline::eval {

namespace {

// Sum, maximum and the OR of magnitudes of v[a, b) and d[a, b): the sum wraps (unsigned)
// and is exact when (b - a) × (OR + 1) ≤ INT64_MAX, as safe_run reasons.
inline void sum_peak_magnitude(const std::int64_t* v, const std::int64_t* d, std::size_t a, std::size_t b, std::uint64_t& sum,
                               std::int64_t& peak, std::uint64_t& magnitude) {
  std::uint64_t s = 0, m = 0;
  std::int64_t p = peak;
  for (std::size_t k = a; k < b; ++k) {
    s += static_cast<std::uint64_t>(v[k]);
    m |= static_cast<std::uint64_t>(v[k] ^ (v[k] >> 63));
    p = d[k] > p ? d[k] : p;
  }
  sum = s;
  peak = p;
  magnitude = m;
}

// A register's worth of values at a time, with GCC's vector extensions: eight in an
// AVX-512 register, four in an AVX2 one, and one at a time without either (SSE2 has no
// 64-bit comparison: two-lane vectors were lowered to code twice as slow as scalar).
// Each version uses its own width: a vector wider than the registers is lowered piece by
// piece, through memory, and ran the AVX2 pass seven times slower than at its own width.
template <std::size_t kBytes>
struct Vec {
  typedef std::int64_t Lanes __attribute__((vector_size(kBytes)));
  typedef std::uint64_t ULanes __attribute__((vector_size(kBytes)));
  static constexpr std::size_t kLanes = kBytes / sizeof(std::int64_t);
};
// kTailMasks + 8 - lanes + t, read as `lanes` lanes: all bits set in the last t of them
constexpr std::int64_t kTailMasks[16] = {0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1};

// What the pieces of one kind add up to in one call: a wrapping 64-bit sum (exact when
// count × (magnitude + 1) ≤ INT64_MAX), the OR of the values' magnitudes, the peak.
// Plain (no member initializers): a call declares room for kMostKinds of them and sets
// only the kinds the grid has.
struct KindTotal {
  std::uint64_t sum, magnitude, count;
  std::int64_t peak;
};

// Values [a, b) of one piece (b >= the lanes of a vector) added into its kind's lanes:
// full vectors, then the last full vector of the piece with the lanes before a (this
// piece's vectors' or an earlier piece's) masked off, so no piece ends in a scalar loop.
// The kind's lanes are the accumulators themselves: summing a piece apart and then adding
// it in cost some 12 instructions a piece (an hourly piece is about four vectors).
template <std::size_t kBytes, bool kDemandIsUsage>
[[gnu::always_inline]] inline void add_piece(const std::int64_t* v, const std::int64_t* d, std::size_t a, std::size_t b,
                                             typename Vec<kBytes>::ULanes& sum, typename Vec<kBytes>::ULanes& magnitude,
                                             typename Vec<kBytes>::Lanes& peak) {
  using Lanes = typename Vec<kBytes>::Lanes;
  using ULanes = typename Vec<kBytes>::ULanes;
  constexpr std::size_t kLanes = Vec<kBytes>::kLanes;
  const Lanes lowest = Lanes{} + std::numeric_limits<std::int64_t>::min();
  ULanes s = sum, m = magnitude;
  Lanes p = peak;
  std::size_t i = a;
  for (; i + kLanes < b; i += kLanes) {
    Lanes x, y;
    std::memcpy(&x, v + i, sizeof x);
    if constexpr (kDemandIsUsage) y = x;
    else std::memcpy(&y, d + i, sizeof y);
    s += reinterpret_cast<ULanes&>(x);
    const Lanes mx = x ^ (x >> 63);
    m |= reinterpret_cast<const ULanes&>(mx);
    p = y > p ? y : p;
  }
  // values [b - kLanes, b), the lanes before i masked off (a load, not a comparison:
  // AVX-512F without DQ has no instruction turning a comparison into lanes)
  Lanes x, y, tail;
  std::memcpy(&x, v + b - kLanes, sizeof x);
  if constexpr (kDemandIsUsage) y = x;
  else std::memcpy(&y, d + b - kLanes, sizeof y);
  std::memcpy(&tail, kTailMasks + 8 - kLanes + (b - i), sizeof tail);
  x &= tail;
  y = (y & tail) | (lowest & ~tail);
  s += reinterpret_cast<ULanes&>(x);
  const Lanes mx = x ^ (x >> 63);
  m |= reinterpret_cast<const ULanes&>(mx);
  p = y > p ? y : p;
  sum = s;
  magnitude = m;
  peak = p;
}

// The pieces of [first, last), from piece r on, added into one accumulator per kind:
// a register of lanes of sums, magnitudes and peaks each, reduced once per kind at the
// end, not once per piece (an hourly piece is a few values: its reduction would cost more
// than its sum). When demand is the usage itself (a demand window of one interval), each
// vector is loaded once, not twice.
template <std::size_t kBytes, bool kDemandIsUsage>
[[gnu::always_inline]] inline void add_kinds(const std::int64_t* v, const std::int64_t* d, const graph::IntervalSlots& slots,
                                             std::size_t r, std::size_t first, std::size_t last, KindTotal* totals) {
  using Lanes = typename Vec<kBytes>::Lanes;
  using ULanes = typename Vec<kBytes>::ULanes;
  constexpr std::size_t kLanes = Vec<kBytes>::kLanes;
  const std::size_t kinds = slots.kinds();
  ULanes sum[graph::IntervalSlots::kMostKinds];
  ULanes magnitude[graph::IntervalSlots::kMostKinds];
  Lanes peak[graph::IntervalSlots::kMostKinds];
  const Lanes lowest = Lanes{} + std::numeric_limits<std::int64_t>::min();
  for (std::size_t k = 0; k < kinds; ++k) {
    sum[k] = ULanes{};
    magnitude[k] = ULanes{};
    peak[k] = lowest;
    totals[k] = KindTotal{0, 0, 0, std::numeric_limits<std::int64_t>::min()};
  }
  const auto* pieces = slots.pieces.data();
  const std::size_t count = slots.pieces.size();
  while (r < count && pieces[r].start < last) {
    if (pieces[r].start >= first && pieces[r].end <= last && pieces[r].end >= kLanes) {
      // Pieces wholly inside [first, last) and past the grid's first vector, nearly all
      // of them: nothing to clamp. Pieces are in order, so each after this one starts at or
      // after `first` and ends past the first vector too.
      do {
        const std::size_t k = pieces[r].kind;
        totals[k].count += pieces[r].end - pieces[r].start;
        add_piece<kBytes, kDemandIsUsage>(v, d, pieces[r].start, pieces[r].end, sum[k], magnitude[k], peak[k]);
      } while (++r < count && pieces[r].end <= last);
      continue;
    }
    // a piece cut by first or last, or at the grid's start
    const std::size_t a = std::max<std::size_t>(pieces[r].start, first);
    const std::size_t b = std::min<std::size_t>(pieces[r].end, last);
    const std::size_t k = pieces[r].kind;
    totals[k].count += b - a;
    if (b < kLanes) {   // the grid's first values: there is no full vector to end on
      auto& t = totals[k];
      for (std::size_t i = a; i < b; ++i) {
        t.sum += static_cast<std::uint64_t>(v[i]);
        t.magnitude |= static_cast<std::uint64_t>(v[i] ^ (v[i] >> 63));
        t.peak = std::max(t.peak, d[i]);
      }
    } else {
      add_piece<kBytes, kDemandIsUsage>(v, d, a, b, sum[k], magnitude[k], peak[k]);
    }
    ++r;
  }
  for (std::size_t k = 0; k < kinds; ++k)
    for (std::size_t l = 0; l < kLanes; ++l) {
      totals[k].sum += sum[k][l];
      totals[k].magnitude |= magnitude[k][l];
      totals[k].peak = std::max(totals[k].peak, peak[k][l]);
    }
}

using AddKinds = void (*)(const std::int64_t*, const std::int64_t*, const graph::IntervalSlots&, std::size_t, std::size_t,
                          std::size_t, KindTotal*);

__attribute__((target("avx512f,avx512vl"))) void add_kinds_avx512f(const std::int64_t* v, const std::int64_t* d,
                                                         const graph::IntervalSlots& slots, std::size_t r, std::size_t first,
                                                         std::size_t last, KindTotal* totals) {
  // (VL: the four-lane form's 64-bit max is one instruction, not a compare and a blend;
  // an hourly year's pass 2.3 -> 1.7 us)
  // short pieces (hourly data: a TOU period of a few hours) go four lanes at a time:
  // fewer lanes masked off at each piece's end (an hourly year 3.2 -> 2.4 us), while long
  // ones (15-minute data) stream faster eight at a time (4.4 us, against 6.3)
  if (slots.count < 32 * slots.pieces.size()) {
    if (v == d) add_kinds<32, true>(v, d, slots, r, first, last, totals);
    else add_kinds<32, false>(v, d, slots, r, first, last, totals);
  } else {
    if (v == d) add_kinds<64, true>(v, d, slots, r, first, last, totals);
    else add_kinds<64, false>(v, d, slots, r, first, last, totals);
  }
}
__attribute__((target("avx2"))) void add_kinds_avx2(const std::int64_t* v, const std::int64_t* d, const graph::IntervalSlots& slots,
                                                   std::size_t r, std::size_t first, std::size_t last, KindTotal* totals) {
  if (v == d) add_kinds<32, true>(v, d, slots, r, first, last, totals);
  else add_kinds<32, false>(v, d, slots, r, first, last, totals);
}
void add_kinds_generic(const std::int64_t* v, const std::int64_t* d, const graph::IntervalSlots& slots, std::size_t r,
                       std::size_t first, std::size_t last, KindTotal* totals) {
  if (v == d) add_kinds<8, true>(v, d, slots, r, first, last, totals);
  else add_kinds<8, false>(v, d, slots, r, first, last, totals);
}

AddKinds add_kinds_for(PassIsa isa) {
  switch (isa) {
    case PassIsa::avx512f: return add_kinds_avx512f;
    case PassIsa::avx2: return add_kinds_avx2;
    case PassIsa::generic: return add_kinds_generic;
    case PassIsa::best: break;
  }
  static const AddKinds best = has_isa(PassIsa::avx512f) ? add_kinds_avx512f
                               : has_isa(PassIsa::avx2)  ? add_kinds_avx2
                                                         : add_kinds_generic;
  return best;
}

// Piece by piece: for a grid with too many kinds, or values so large that a kind's
// 64-bit sum might overflow (a piece's sum is then made again in 128 bits).
void aggregate_by_piece(const std::int64_t* values, const std::int64_t* d, const graph::IntervalSlots& slots, std::size_t lo,
                        std::size_t first, std::size_t last, CycleAggregate* out) {
  const auto& pieces = slots.pieces;
  const std::size_t groups = slots.runs.size();
  constexpr auto top = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  for (std::size_t r = lo; r < pieces.size() && pieces[r].start < last; ++r) {
    const std::size_t a = std::max<std::size_t>(pieces[r].start, first);
    const std::size_t b = std::min<std::size_t>(pieces[r].end, last);
    std::uint64_t raw_sum = 0, magnitude = 0;
    std::int64_t peak = std::numeric_limits<std::int64_t>::min();
    sum_peak_magnitude(values, d, a, b, raw_sum, peak, magnitude);
    std::uint64_t bound = 0;
    Wide sum;
    if (!__builtin_mul_overflow(static_cast<std::uint64_t>(b - a), magnitude + 1, &bound) && bound <= top) {
      sum = static_cast<std::int64_t>(raw_sum);
    } else {  // values this large: the piece again, in 128 bits
      sum = 0;
      for (std::size_t k = a; k < b; ++k) sum += values[k];
    }
    const std::uint16_t* slot = slots.piece_slots.data() + r * groups;
    for (std::size_t g = 0; g < groups; ++g) {
      CycleAggregate& o = out[g];
      o.count[slot[g]] += static_cast<std::uint32_t>(b - a);
      o.energy[slot[g]] += sum;
      o.peak[slot[g]] = std::max(o.peak[slot[g]], peak);
    }
  }
}

}  // namespace

bool has_isa(PassIsa isa) {
  switch (isa) {
    case PassIsa::avx512f: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    case PassIsa::avx2: return __builtin_cpu_supports("avx2");
    case PassIsa::generic:
    case PassIsa::best: return true;
  }
  return false;
}

void aggregate_pieces(const std::int64_t* values, const std::int64_t* demand, const graph::IntervalSlots& slots,
                      std::size_t first, std::size_t last, CycleAggregate* out, PassIsa isa) {
  if (first >= last) return;
  const auto& pieces = slots.pieces;
  const std::int64_t* d = demand ? demand : values;
  // the first piece that ends after `first`
  std::size_t lo = 0, hi = pieces.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (pieces[mid].end <= first) lo = mid + 1;
    else hi = mid;
  }
  const std::size_t kinds = slots.kinds();
  if (kinds > 0) {
    KindTotal totals[graph::IntervalSlots::kMostKinds];
    add_kinds_for(isa)(values, d, slots, lo, first, last, totals);
    constexpr auto top = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    bool exact = true;
    for (std::size_t k = 0; k < kinds; ++k) {
      std::uint64_t bound = 0;
      exact = exact && !__builtin_mul_overflow(totals[k].count, totals[k].magnitude + 1, &bound) && bound <= top;
    }
    if (exact) {
      const std::size_t groups = slots.runs.size();
      for (std::size_t k = 0; k < kinds; ++k) {
        const auto& t = totals[k];
        if (t.count == 0) continue;
        const std::uint16_t* slot = slots.kind_slots.data() + k * groups;
        for (std::size_t g = 0; g < groups; ++g) {
          CycleAggregate& o = out[g];
          o.count[slot[g]] += static_cast<std::uint32_t>(t.count);
          o.energy[slot[g]] += static_cast<std::int64_t>(t.sum);
          o.peak[slot[g]] = std::max(o.peak[slot[g]], t.peak);
        }
      }
      return;
    }
  }
  aggregate_by_piece(values, d, slots, lo, first, last, out);
}

}  // namespace rateline::eval
