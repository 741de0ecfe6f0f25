// Result<T> and Error: a value or a failure in words a user can read, for parsers and file operations.
#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace ringshare {

// A failure explained in words a user can read.
struct Error {
    QString message;
};

// The outcome of an operation at a boundary (file, parser, network): a value or an Error.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error.message)) {}

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& { return *m_value; }
    [[nodiscard]] T& value() & { return *m_value; }
    [[nodiscard]] T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }

    [[nodiscard]] const QString& error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error.message)) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const QString& error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

} // namespace ringshare
