-- Runs on the client once the resource starts.
AddEventHandler('onClientResourceStart', function(resourceName)
    if resourceName == GetCurrentResourceName() then
        print('Hello from Gatehouse!')
    end
end)
