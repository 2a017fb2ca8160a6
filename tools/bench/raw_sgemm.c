/* Raw OpenBLAS sgemm GFLOPS on the three products of a CD step, the yardstick of 'rbmflow bench gemm'; the
   benchmark driver (submit/bench cd1) compiles it into target/bench/raw_sgemm, linked against libopenblas. No
   OpenBLAS headers needed.
     raw_sgemm NV NH BATCH SECONDS   each product checked once against plain loops, then called for SECONDS;
                                     prints one line like 'rbmflow bench gemm': raw-sgemm nv= nh= batch= gflops_vw= ...
     raw_sgemm --config              OpenBLAS's build configuration and core */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };
void cblas_sgemm(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
char *openblas_get_config(void);
char *openblas_get_corename(void);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int nv, nh, b;
static float *v, *w, *h, *out[3];

/* 0: H = V W (b x nh); 1: V' = H W^T (b x nv); 2: dW = V^T H (nv x nh). V is b x nv, W nv x nh, H b x nh. */
static void product(int which) {
  switch (which) {
    case 0: cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, b, nh, nv, 1.f, v, nv, w, nh, 0.f, out[0], nh); break;
    case 1: cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, b, nv, nh, 1.f, h, nh, w, nh, 0.f, out[1], nv); break;
    default: cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, nv, nh, b, 1.f, v, nv, h, nh, 0.f, out[2], nh); break;
  }
}

/* element (i, j) of product `which`, by plain loops in double */
static double expected(int which, int i, int j) {
  double s = 0;
  int k;
  if (which == 0) for (k = 0; k < nv; k++) s += (double) v[i * nv + k] * w[k * nh + j];
  else if (which == 1) for (k = 0; k < nh; k++) s += (double) h[i * nh + k] * w[j * nh + k];
  else for (k = 0; k < b; k++) s += (double) v[k * nv + i] * h[k * nh + j];
  return s;
}

static float *random_matrix(size_t n, unsigned long long *state) {
  float *a = malloc(n * sizeof *a);
  size_t i;
  if (!a) { fprintf(stderr, "raw_sgemm: out of memory\n"); exit(1); }
  for (i = 0; i < n; i++) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    a[i] = (float) ((*state >> 40) / 16777216.0 - 0.5);
  }
  return a;
}

int main(int argc, char **argv) {
  static const char *names[3] = {"vw", "hwt", "vth"};
  unsigned long long state = 1;
  double seconds, flops;
  int which, r, i, j;
  if (argc == 2 && strcmp(argv[1], "--config") == 0) {
    printf("%s (core %s)\n", openblas_get_config(), openblas_get_corename());
    return 0;
  }
  if (argc != 5) { fprintf(stderr, "usage: %s NV NH BATCH SECONDS | %s --config\n", argv[0], argv[0]); return 2; }
  nv = atoi(argv[1]); nh = atoi(argv[2]); b = atoi(argv[3]); seconds = atof(argv[4]);
  if (nv < 1 || nh < 1 || b < 1 || nv > 65536 || nh > 65536 || b > 65536 || !(seconds > 0 && seconds <= 600)) {
    fprintf(stderr, "raw_sgemm: NV, NH, BATCH must be in [1, 65536] and SECONDS in (0, 600]\n");
    return 2;
  }
  v = random_matrix((size_t) b * nv, &state);
  w = random_matrix((size_t) nv * nh, &state);
  h = random_matrix((size_t) b * nh, &state);
  out[0] = random_matrix((size_t) b * nh, &state);
  out[1] = random_matrix((size_t) b * nv, &state);
  out[2] = random_matrix((size_t) nv * nh, &state);
  for (which = 0; which < 3; which++) {  /* correctness check, which also warms up */
    int rows = which == 2 ? nv : b, cols = which == 1 ? nv : nh, inner = which == 0 ? nv : which == 1 ? nh : b;
    product(which);
    for (i = 0; i < rows; i++)
      for (j = 0; j < cols; j++)
        if (fabs(out[which][i * cols + j] - expected(which, i, j)) > 1e-4 * inner + 1e-5) {
          fprintf(stderr, "raw_sgemm: product %s is wrong at (%d, %d): %g, expected %g\n", names[which], i, j,
                  out[which][i * cols + j], expected(which, i, j));
          return 1;
        }
  }
  flops = 2.0 * b * nv * nh;
  printf("raw-sgemm nv=%d nh=%d batch=%d", nv, nh, b);
  for (which = 0; which < 3; which++) {
    long calls = 0;
    double t0, t;
    for (r = 0; r < 10; r++) product(which);
    t0 = now();
    do {
      for (r = 0; r < 10; r++) product(which);
      calls += 10;
      t = now();
    } while (t - t0 < seconds);
    printf(" gflops_%s=%.2f", names[which], calls * flops / (t - t0) / 1e9);
  }
  printf("\n");
  return 0;
}
