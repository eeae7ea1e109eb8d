# cmake -DBUILD_DIR=… -DSTAGING=… -DBINDIR=… -DEXECUTABLES="a;b" -P installcheck.cmake
# Installs BUILD_DIR into a fresh staging directory (DESTDIR, so even absolute destinations
# such as /etc land inside it), then runs each installed executable with --help: it must start
# (load every library it needs from the installed tree) and print its usage.
file(REMOVE_RECURSE "${STAGING}")
set(ENV{DESTDIR} "${STAGING}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}"
    RESULT_VARIABLE installed OUTPUT_VARIABLE install_log ERROR_VARIABLE install_log)
if(NOT installed EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${installed}):\n${install_log}")
endif()
foreach(executable IN LISTS EXECUTABLES)
    set(path "${STAGING}${BINDIR}/${executable}")
    if(NOT EXISTS "${path}")
        message(FATAL_ERROR "${executable} was not installed to ${STAGING}${BINDIR}")
    endif()
    execute_process(COMMAND "${path}" --help
        RESULT_VARIABLE started OUTPUT_VARIABLE usage ERROR_VARIABLE errors TIMEOUT 60)
    if(NOT started EQUAL 0 OR NOT usage MATCHES "Usage: ")
        message(FATAL_ERROR "the installed ${executable} did not start (${started}):\n${usage}${errors}")
    endif()
    message(STATUS "${executable}: started from ${path}")
endforeach()
file(REMOVE_RECURSE "${STAGING}")
