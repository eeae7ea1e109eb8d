# cmake -DBUILD_DIR=… -DPREFIX=… -DEXECUTABLES="a;b" -P installcheck.cmake
# Installs BUILD_DIR into a fresh PREFIX, then runs each installed executable with --help: it
# must start (load every library it needs from the installed tree) and print its usage.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
    RESULT_VARIABLE installed OUTPUT_VARIABLE install_log ERROR_VARIABLE install_log)
if(NOT installed EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${installed}):\n${install_log}")
endif()
foreach(executable IN LISTS EXECUTABLES)
    set(path "${PREFIX}/bin/${executable}")
    if(NOT EXISTS "${path}")
        message(FATAL_ERROR "${executable} was not installed to ${PREFIX}/bin")
    endif()
    execute_process(COMMAND "${path}" --help
        RESULT_VARIABLE started OUTPUT_VARIABLE usage ERROR_VARIABLE errors TIMEOUT 60)
    if(NOT started EQUAL 0 OR NOT usage MATCHES "Usage: ")
        message(FATAL_ERROR "the installed ${executable} did not start (${started}):\n${usage}${errors}")
    endif()
    message(STATUS "${executable}: started from ${PREFIX}/bin")
endforeach()
file(REMOVE_RECURSE "${PREFIX}")
