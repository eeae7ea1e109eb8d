#pragma once

#include <utility>
#include <variant>

namespace vw {

// Carries either a value or an error for operations whose failure is expected
// (bad input, a wrong key, a closed device). Exceptions are not used for these.
template <typename T, typename E>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) { }
    Result(E error) : m_state(std::in_place_index<1>, std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Calling value() on an error (or error() on a value) is a programming error;
    // std::get throws std::bad_variant_access rather than reading garbage.
    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const E &error() const { return std::get<1>(m_state); }

    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, E> m_state;
};

// The error-only form, for operations that produce nothing but may fail.
template <typename E>
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(E error) : m_error(std::move(error)), m_failed(true) { }

    static Status success() { return Status(); }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E &error() const { return m_error; }

private:
    E m_error {};
    bool m_failed = false;
};

} // namespace vw
