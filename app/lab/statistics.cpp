// The mean and the nearest-rank percentile.
#include "lab/statistics.h"

#include <algorithm>
#include <cmath>

namespace ringshare::lab {

double mean(const QList<double>& values) {
    if (values.isEmpty())
        return 0;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

double percentile(QList<double> values, double p) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size())));
    return values[std::clamp<qsizetype>(rank - 1, 0, values.size() - 1)];
}

} // namespace ringshare::lab
