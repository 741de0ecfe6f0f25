// The real mapping backends, as the factory hands them to the port mapper.
#include "net/mappingbackend.h"

#include "net/natpmpbackend.h"
#include "net/upnpbackend.h"

namespace ringshare::net {

std::unique_ptr<MappingBackend> SystemMappingBackends::create(MappingMethod method) {
    if (method == MappingMethod::Upnp)
        return std::make_unique<UpnpBackend>();
    return std::make_unique<NatPmpBackend>();
}

} // namespace ringshare::net
