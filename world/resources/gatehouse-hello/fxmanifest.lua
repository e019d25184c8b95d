-- A minimal client resource so the all-in-one node has something for getConfiguration and /files.
fx_version 'cerulean'
game 'gta5'

description 'Gatehouse hello'

client_script 'client.lua'
